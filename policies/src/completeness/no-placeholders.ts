import { definePolicy, joinPointer, pointerToPath } from '@deploy-plan/core';

const MARKER = /\bTODO\(deploy-plan\)/;

/** Every string in the plan with its pointer. */
function* strings(value: unknown, segments: (string | number)[] = []): Generator<[string, string]> {
  if (typeof value === 'string') yield [joinPointer(segments), value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...segments, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...segments, k]);
}

export default definePolicy({
  id: 'completeness/no-placeholders',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description: 'The plan has no scaffold placeholders (`TODO(deploy-plan)`) left',
    rationale:
      '`deploy-plan scaffold` and `nx g @deploy-plan/nx:plan` fill in what the code shows and mark the rest with `TODO(deploy-plan)`. A plan with placeholders is a draft: the analysis the method makes mandatory has not been done, so the plan must not pass.',
    messages: {
      placeholder: '{{path}} is still a scaffold placeholder: {{text}}',
    },
    examples: {
      fail: 'owner: "TODO(deploy-plan): team or person accountable for this deployment"',
      pass: 'owner: team-orders',
    },
  },
  check({ plan, report }) {
    for (const [pointer, text] of strings(plan)) {
      if (!MARKER.test(text)) continue;
      const what = text.replace(/^.*?TODO\(deploy-plan\):?\s*/, '') || 'answer it';
      report({ messageId: 'placeholder', data: { path: `\`${pointerToPath(pointer)}\``, text: what.endsWith('.') ? what : `${what}.` }, pointer });
    }
  },
});

import { definePolicy, joinPointer, pointerToPath } from '@deploy-plan/core';

const MARKER = /\bTODO\(deploy-plan\)/;

/**
 * Calls `found` with the pointer of every string in the plan that holds the marker. Runs on every
 * plan, so it walks with one shared path and builds a pointer only for a hit.
 */
function findMarkers(value: unknown, path: (string | number)[], found: (pointer: string, text: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('TODO(deploy-plan)') && MARKER.test(value)) found(joinPointer(path), value);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      findMarkers(value[i], path, found);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      path.push(key);
      findMarkers((value as Record<string, unknown>)[key], path, found);
      path.pop();
    }
  }
}

export default definePolicy({
  id: 'completeness/no-placeholders',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description: 'The plan has no scaffold placeholders (`TODO(deploy-plan)`) left',
    rationale:
      '`deploy-plan scaffold` and `nx g @deploy-plan/nx:plan` fill in what the code ' +
      'shows and mark the rest with `TODO(deploy-plan)`. A plan with placeholders is a ' +
      'draft: the analysis the method makes mandatory has not been done, so the plan ' +
      'must not pass.',
    messages: {
      placeholder: '{{path}} is still a scaffold placeholder: {{text}}',
    },
    examples: {
      fail: 'owner: "TODO(deploy-plan): team or person accountable for this deployment"',
      pass: 'owner: team-orders',
    },
  },
  check({ plan, report }) {
    findMarkers(plan, [], (pointer, text) => {
      const what = text.replace(/^.*?TODO\(deploy-plan\):?\s*/, '') || 'answer it';
      report({
        messageId: 'placeholder',
        data: { path: `\`${pointerToPath(pointer)}\``, text: what.endsWith('.') ? what : `${what}.` },
        pointer,
      });
    });
  },
});

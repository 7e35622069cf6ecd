import { definePolicy, pointerToPath } from '@deploy-plan/core';

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
    asksPlaceholders: true,
    examples: {
      fail: 'owner: "TODO(deploy-plan): team or person accountable for this deployment"',
      pass: 'owner: team-orders',
    },
  },
  // The placeholders come from the plan as written: one in a field of another type (a number, a
  // date) is set aside from `plan` but is still a question.
  check({ placeholders, report }) {
    for (const { pointer, text } of placeholders) {
      const what = text.replace(/^.*?TODO\(deploy-plan\):?\s*/, '') || 'answer it';
      report({
        messageId: 'placeholder',
        data: { path: `\`${pointerToPath(pointer)}\``, text: what.endsWith('.') ? what : `${what}.` },
        pointer,
      });
    }
  },
});

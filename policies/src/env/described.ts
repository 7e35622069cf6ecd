import { definePolicy, isPlaceholder } from '@deploy-plan/core';

export default definePolicy({
  id: 'env/described',
  meta: {
    severity: 'important',
    checklist: 'important-3',
    description: 'Every environment variable says what it configures',
    rationale:
      'The third important item: environment variables support the functionality. ' +
      'During a configuration rollback (level 2) the engineer must know what each ' +
      'variable does and what breaks when it is wrong.',
    messages: {
      noDescription: 'Environment variable `{{name}}` has no description; say what it configures.',
    },
    examples: {
      fail: 'env:\n  - { name: CRM_API_URL, required: true }',
      pass: 'env:\n  - { name: CRM_API_URL, required: true, description: Base URL of the CRM API files are sent to }',
    },
  },
  check({ plan, report }) {
    (plan.env ?? []).forEach((v, i) => {
      if (!v.description || isPlaceholder(v.description))
        report({ messageId: 'noDescription', data: { name: v.name }, pointer: `/env/${i}`, target: 'key' });
    });
  },
});

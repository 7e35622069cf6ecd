import { definePolicy } from '@deploy-plan/core';

/** Long, space-free and placeholder-free: looks like a real credential. */
const looksReal = (value: string) =>
  value.length >= 16 &&
  !/\s/.test(value) &&
  !/[<>]|x{3,}|\.\.\.|example|changeme|placeholder|dummy|redacted/i.test(value);

export default definePolicy({
  id: 'env/no-secret-values',
  meta: {
    severity: 'important',
    checklist: 'important-3',
    description: 'Secret variables have no default and no real-looking example in the plan',
    rationale:
      "The plan lives in the repository. A secret's value belongs in a secret store; a " +
      'default would also make the functionality start with a credential nobody ' +
      'configured.',
    messages: {
      secretDefault: 'Secret `{{name}}` has a default value; secrets must come from the secret store.',
      secretExample:
        'The example for secret `{{name}}` looks like a real credential; use a placeholder such as `<token>`.',
    },
    examples: {
      fail: 'env:\n  - { name: CRM_API_KEY, secret: true, default: sk_live_4eC39HqLyjWDarjtT1zdp7dc }',
      pass: 'env:\n  - { name: CRM_API_KEY, secret: true, description: CRM token, example: "<crm-token>" }',
    },
  },
  check({ plan, report }) {
    (plan.env ?? []).forEach((v, i) => {
      if (!v.secret) return;
      if (v.default !== undefined)
        report({ messageId: 'secretDefault', data: { name: v.name }, pointer: `/env/${i}/default` });
      if (v.example !== undefined && looksReal(v.example))
        report({ messageId: 'secretExample', data: { name: v.name }, pointer: `/env/${i}/example` });
    });
  },
});

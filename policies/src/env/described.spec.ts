import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './described';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'described',
      plan: planYaml(`
        env:
          - { name: CRM_URL, description: CRM base URL }
      `),
    },
    { name: 'no env', plan: planYaml('env: []') },
  ],
  invalid: [
    {
      name: 'no description',
      plan: planYaml(`
        env:
          - { name: CRM_URL, required: true }
      `),
      errors: [{ messageId: 'noDescription', pointer: '/env/0', line: 2, column: 5 }],
    },
    {
      name: 'a placeholder description',
      plan: planYaml(`
        env:
          - name: CRM_URL
          - name: CRM_KEY
            description: TODO
      `),
      errors: [
        { messageId: 'noDescription', pointer: '/env/0', line: 2, column: 5 },
        { messageId: 'noDescription', pointer: '/env/1', line: 3, column: 5 },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './no-secret-values';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'no value',
      plan: planYaml(`
        env:
          - { name: API_KEY, secret: true }
      `),
    },
    {
      name: 'a placeholder example',
      plan: planYaml(`
        env:
          - { name: API_KEY, secret: true, example: "<api-key>" }
      `),
    },
    {
      name: 'a non-secret may have a default',
      plan: planYaml(`
        env:
          - { name: PORT, default: 3000 }
      `),
    },
  ],
  invalid: [
    {
      name: 'a default',
      plan: planYaml(`
        env:
          - { name: API_KEY, secret: true, default: abc }
      `),
      errors: [{ messageId: 'secretDefault', pointer: '/env/0/default', line: 2, column: 45 }],
    },
    {
      name: 'a real-looking example',
      plan: planYaml(`
        env:
          - { name: API_KEY, secret: true, example: sk_live_4eC39HqLyjWDarjtT1zdp7dc }
      `),
      errors: [{ messageId: 'secretExample', pointer: '/env/0/example', line: 2, column: 45 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './level-time-budget';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'exactly at each budget',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 5m }
            - { level: 2, kind: configuration, maxDuration: 10m }
            - { level: 3, kind: code, maxDuration: 15m }
      `),
    },
    {
      name: 'well within',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 90s }
      `),
    },
    {
      name: 'a larger budget from options',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 3, kind: code, maxDuration: 30m }
      `),
      options: { level3: '30m' },
    },
  ],
  invalid: [
    {
      name: 'one second over the level-1 budget',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 5m1s }
      `),
      errors: [
        {
          messageId: 'overBudget',
          pointer: '/rollback/levels/0/maxDuration',
          line: 3,
          column: 52,
          data: { duration: '5m1s', budget: '5m' },
        },
      ],
    },
    {
      name: 'a code rollback of 20 minutes',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 3, kind: code, maxDuration: 20m }
      `),
      errors: [{ messageId: 'overBudget', pointer: '/rollback/levels/0/maxDuration', line: 3, column: 44 }],
    },
    {
      name: 'no maxDuration',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 2, kind: configuration }
      `),
      errors: [{ messageId: 'noDuration', pointer: '/rollback/levels/0', line: 3, column: 7, data: { budget: '10m' } }],
    },
    {
      name: 'a tighter budget from options',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 3m }
      `),
      options: { level1: '2m' },
      errors: [{ messageId: 'overBudget', pointer: '/rollback/levels/0/maxDuration', line: 3, column: 52 }],
    },
  ],
});

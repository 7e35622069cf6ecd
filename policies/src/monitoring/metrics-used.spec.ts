import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './metrics-used';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'used by an alert',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge }]
          alerts: [{ name: a, metric: m, operator: "<", value: 1, action: page }]
      `),
    },
    {
      name: 'used by a trigger',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge }]
        rollback:
          triggers: [{ response: immediate, metric: m, level: 3 }]
      `),
    },
    {
      name: 'used by a gate',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge }]
        rollout:
          strategy: canary
          stages: [{ weight: 100, gates: [{ metric: m }] }]
      `),
    },
  ],
  invalid: [
    {
      name: 'used by nothing',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge }]
      `),
      errors: [{ messageId: 'unused', pointer: '/monitoring/metrics/0/name', line: 2, column: 21 }],
    },
    {
      name: 'one of two unused',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: a, type: gauge }
            - { name: b, type: gauge }
          alerts: [{ name: x, metric: a, operator: "<", value: 1, action: page }]
      `),
      errors: [{ messageId: 'unused', pointer: '/monitoring/metrics/1/name', line: 4, column: 15 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './metrics-used';

new PolicyTester().run(policy, {
  valid: [
    { name: 'used by an alert', plan: planYaml('monitoring:\n  metrics: [{ name: m, type: gauge }]\n  alerts: [{ name: a, metric: m, operator: "<", value: 1, action: page }]') },
    { name: 'used by a trigger', plan: planYaml('monitoring:\n  metrics: [{ name: m, type: gauge }]\nrollback:\n  triggers: [{ response: immediate, metric: m, level: 3 }]') },
    { name: 'used by a gate', plan: planYaml('monitoring:\n  metrics: [{ name: m, type: gauge }]\nrollout:\n  strategy: canary\n  stages: [{ weight: 100, gates: [{ metric: m }] }]') },
  ],
  invalid: [
    { name: 'used by nothing', plan: planYaml('monitoring:\n  metrics: [{ name: m, type: gauge }]'), errors: [{ messageId: 'unused', pointer: '/monitoring/metrics/0/name', line: 2, column: 21 }] },
    {
      name: 'one of two unused',
      plan: planYaml('monitoring:\n  metrics:\n    - { name: a, type: gauge }\n    - { name: b, type: gauge }\n  alerts: [{ name: x, metric: a, operator: "<", value: 1, action: page }]'),
      errors: [{ messageId: 'unused', pointer: '/monitoring/metrics/1/name', line: 4, column: 15 }],
    },
  ],
});

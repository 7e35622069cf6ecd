import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './time-to-detect';

/** A metric evaluated every `interval`, `failureLimit` times, and an immediate level-1 trigger on it. */
const plan = (interval: string, failureLimit: number | null, maxDuration: string, response = 'immediate') =>
  planYaml(`
    monitoring:
      metrics:
        - name: upload_success_rate
          type: gauge
          ${interval ? `interval: ${interval}` : 'unit: percent'}
          ${failureLimit === null ? 'direction: higher-is-better' : `failureLimit: ${failureLimit}`}
    rollback:
      levels:
        - { level: 1, kind: feature-flag, maxDuration: ${maxDuration} }
      triggers:
        - { description: Uploads broken, response: ${response}, metric: upload_success_rate, operator: "<", value: 50, level: 1 }
  `);

new PolicyTester().run(policy, {
  valid: [
    { name: 'exactly at the budget: 1m × 3 + 2m = 5m', plan: plan('1m', 3, '2m') },
    { name: 'well within: 30s × 2 + 1m', plan: plan('30s', 2, '1m') },
    { name: 'evaluate triggers are decided by people, not timed', plan: plan('5m', 3, '2m', 'evaluate') },
    { name: 'a wider budget from options', plan: plan('5m', 3, '5m'), options: { level1: '20m' } },
  ],
  invalid: [
    {
      name: 'one second over: 1m × 3 + 2m1s',
      plan: plan('1m', 3, '2m1s'),
      errors: [{ messageId: 'tooSlow', pointer: '/rollback/triggers/0', line: 11, column: 7, data: { total: '5m1s', detect: '3m', budget: '5m' } }],
    },
    {
      name: 'slow detection: 5m × 3 + 2m',
      plan: plan('5m', 3, '2m'),
      errors: [{ messageId: 'tooSlow', pointer: '/rollback/triggers/0', line: 11, column: 7, data: { total: '17m', detect: '15m' } }],
    },
    {
      name: 'a metric without evaluation settings',
      plan: plan('', null, '2m'),
      errors: [{ messageId: 'unknownDetection', pointer: '/rollback/triggers/0/metric', line: 11, column: 67, data: { missing: '`interval` or `failureLimit`' } }],
    },
  ],
});

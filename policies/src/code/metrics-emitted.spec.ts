import { type MetricFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy, { queryMetrics } from './metrics-emitted';

const metric = (name: string, type: string): MetricFact => ({
  name,
  type,
  file: 'apps/demo/src/metrics.ts',
  line: 3,
  column: 1,
});
const emitted = codeFacts({
  metrics: [
    metric('uploads_total', 'counter'),
    metric('upload_duration_seconds', 'histogram'),
    metric('shop.orders', 'counter'),
  ],
});

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'the metric itself is emitted',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: uploads_total, type: counter }
      `),
      facts: { code: emitted },
    },
    {
      name: 'a query over emitted series',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_p95
              type: histogram
              query: 'histogram_quantile(0.95, sum(rate(upload_duration_seconds_bucket[5m])) by (le))'
      `),
      facts: { code: emitted },
    },
    {
      name: 'an OpenTelemetry name with dots',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: shop_orders_rate, type: gauge, query: 'rate(shop_orders_total[5m])' }
      `),
      facts: { code: emitted },
    },
    {
      name: 'a platform metric is not looked for in code',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: lcp_p75, type: histogram, source: platform }
      `),
      facts: { code: emitted },
    },
  ],
  invalid: [
    {
      name: 'a misspelt metric',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: upload_total, type: counter }
      `),
      facts: { code: emitted },
      errors: [
        { messageId: 'notEmitted', pointer: '/monitoring/metrics/0/name', line: 3, column: 15, data: { query: '' } },
      ],
    },
    {
      name: 'a query that reads nothing the code emits',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: upload_success_rate, type: gauge, query: 'rate(upload_ok[5m]) / rate(upload_all[5m])' }
      `),
      facts: { code: emitted },
      errors: [{ messageId: 'notEmitted', pointer: '/monitoring/metrics/0/name', line: 3, column: 15 }],
    },
    {
      name: 'not seen in a project with a file that could not be inspected: could not confirm',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: upload_total, type: counter }
      `),
      facts: {
        code: { ...emitted, failures: [{ file: 'apps/demo/src/metrics.ts', line: 1, column: 1, message: 'boom' }] },
      },
      errors: [
        { messageId: 'unconfirmed', pointer: '/monitoring/metrics/0/name', line: 3, column: 15, severity: 'minor' },
      ],
    },
  ],
});

describe('queryMetrics', () => {
  it('reads metric names, not label values', () => {
    // Function names and durations come along; they never match an emitted metric.
    expect(queryMetrics('sum(rate(orders_total{outcome="ok"}[5m])) / sum(rate(orders_total[5m]))')).toEqual([
      'sum',
      'rate',
      'orders_total',
      'outcome',
      'm',
    ]);
  });
});

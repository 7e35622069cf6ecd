import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './threshold-order';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'higher is better: alert above rollback',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }
      `),
    },
    {
      name: 'lower is better: alert below rollback',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: lower-is-better, thresholds: { alert: 30, rollback: 60 } }
      `),
    },
    {
      name: 'one unit apart is enough',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 51, rollback: 50 } }
      `),
    },
  ],
  invalid: [
    {
      name: 'higher is better, but the alert is below the rollback',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 50, rollback: 95 } }
      `),
      errors: [
        {
          messageId: 'wrongOrder',
          pointer: '/monitoring/metrics/0/thresholds',
          line: 3,
          column: 72,
          data: { relation: 'above' },
        },
      ],
    },
    {
      name: 'lower is better, but the alert is above the rollback',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: lower-is-better, thresholds: { alert: 60, rollback: 30 } }
      `),
      errors: [
        {
          messageId: 'wrongOrder',
          pointer: '/monitoring/metrics/0/thresholds',
          line: 3,
          column: 71,
          data: { relation: 'below' },
        },
      ],
    },
    {
      name: 'alert and rollback at the same value (the boundary)',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 50, rollback: 50 } }
      `),
      errors: [{ messageId: 'sameValue', pointer: '/monitoring/metrics/0/thresholds', line: 3, column: 72 }],
    },
    {
      name: 'no direction and no rollback threshold',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, thresholds: { alert: 95 } }
      `),
      errors: [
        { messageId: 'noDirection', pointer: '/monitoring/metrics/0', line: 3, column: 7 },
        {
          messageId: 'noThresholds',
          pointer: '/monitoring/metrics/0/thresholds',
          line: 3,
          column: 43,
          data: { missing: 'rollback' },
        },
      ],
    },
  ],
});

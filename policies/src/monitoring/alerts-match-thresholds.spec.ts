import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './alerts-match-thresholds';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'broken at the rollback threshold, degraded at the alert threshold',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, thresholds: { alert: 95, rollback: 50 } }
          alerts:
            - { name: broken, metric: ok_rate, operator: "<", value: 50, action: rollback-immediate }
            - { name: degraded, metric: ok_rate, operator: "<", value: 95, action: alert-team }
      `),
    },
    {
      name: 'a page at the alert threshold',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, thresholds: { alert: 95, rollback: 50 } }
          alerts:
            - { name: degraded, metric: ok_rate, operator: "<", value: 95, action: page }
      `),
    },
  ],
  invalid: [
    {
      name: 'a rollback alert below the rollback threshold',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, thresholds: { alert: 95, rollback: 50 } }
          alerts:
            - { name: broken, metric: ok_rate, operator: "<", value: 40, action: rollback-immediate }
      `),
      errors: [
        {
          messageId: 'mismatch',
          pointer: '/monitoring/alerts/0/value',
          line: 5,
          column: 62,
          data: { kind: 'rollback', threshold: '50' },
        },
      ],
    },
    {
      name: 'a team alert at another value',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, thresholds: { alert: 95, rollback: 50 } }
          alerts:
            - { name: degraded, metric: ok_rate, operator: "<", value: 90, action: alert-team }
      `),
      errors: [
        {
          messageId: 'mismatch',
          pointer: '/monitoring/alerts/0/value',
          line: 5,
          column: 64,
          data: { kind: 'alert', threshold: '95' },
        },
      ],
    },
  ],
});

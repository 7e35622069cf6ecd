import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './condition-direction';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a success rate falls below, a latency rises above',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, direction: higher-is-better }
            - { name: latency, type: histogram, direction: lower-is-better }
          alerts:
            - { name: a, metric: ok_rate, operator: "<", value: 95, action: page }
            - { name: b, metric: latency, operator: ">=", value: 30, action: page }
      `),
    },
    {
      name: 'a monitor-only trigger may omit the condition',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, direction: higher-is-better }
            - { name: latency, type: histogram, direction: lower-is-better }
        rollback:
          triggers: [{ response: monitor, metric: latency }]
      `),
    },
  ],
  invalid: [
    {
      name: 'a rollback trigger that fires while things are good',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, direction: higher-is-better }
            - { name: latency, type: histogram, direction: lower-is-better }
        rollback:
          triggers: [{ response: immediate, metric: ok_rate, operator: ">", value: 50, level: 1 }]
      `),
      errors: [
        {
          messageId: 'wrongDirection',
          pointer: '/rollback/triggers/0/operator',
          line: 6,
          column: 64,
          data: { expected: 'below' },
        },
      ],
    },
    {
      name: 'a latency alert on the wrong side',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, direction: higher-is-better }
            - { name: latency, type: histogram, direction: lower-is-better }
          alerts:
            - { name: slow, metric: latency, operator: "<=", value: 30, action: page }
      `),
      errors: [
        {
          messageId: 'wrongDirection',
          pointer: '/monitoring/alerts/0/operator',
          line: 6,
          column: 48,
          data: { expected: 'above' },
        },
      ],
    },
    {
      name: 'an immediate trigger without a condition',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, direction: higher-is-better }
            - { name: latency, type: histogram, direction: lower-is-better }
        rollback:
          triggers: [{ response: immediate, metric: ok_rate, level: 1 }]
      `),
      errors: [{ messageId: 'noOperator', pointer: '/rollback/triggers/0', line: 6, column: 14 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './known-metrics';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'trigger, gate and alert name the declared metric',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: upload_success_rate, type: gauge }]
        rollout:
          strategy: canary
          stages: [{ weight: 100, gates: [{ metric: upload_success_rate }] }]
        rollback:
          triggers: [{ response: immediate, metric: upload_success_rate, level: 1 }]
      `),
    },
    {
      name: 'signals need no metric',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: upload_success_rate, type: gauge }]
        rollback:
          triggers: [{ response: immediate, signal: data-loss, level: 3 }]
      `),
    },
  ],
  invalid: [
    {
      name: 'a misspelt trigger metric, with a suggestion',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: upload_success_rate, type: gauge }]
        rollback:
          triggers: [{ response: immediate, metric: upload_sucess_rate, level: 1 }]
      `),
      errors: [
        {
          messageId: 'unknownMetric',
          pointer: '/rollback/triggers/0/metric',
          line: 4,
          column: 45,
          data: { what: 'rollback trigger' },
        },
      ],
    },
    {
      name: 'a gate on an undeclared metric',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: upload_success_rate, type: gauge }]
        rollout:
          strategy: canary
          stages: [{ weight: 100, gates: [{ metric: cpu }] }]
      `),
      errors: [
        {
          messageId: 'unknownMetric',
          pointer: '/rollout/stages/0/gates/0/metric',
          line: 5,
          column: 45,
          data: { what: 'rollout gate', metric: 'cpu' },
        },
      ],
    },
    {
      name: 'an alert and a success metric on undeclared metrics',
      plan: planYaml(`
        functionality:
          purpose: x
          verification: [{ id: ok, kind: success-metric, description: 99%, metric: ok_rate }]
        monitoring:
          metrics: []
          alerts: [{ name: broken, metric: ok_rate, operator: "<", value: 50, action: page }]
      `),
      errors: [
        { messageId: 'unknownMetric', pointer: '/functionality/verification/0/metric', line: 3, column: 76 },
        { messageId: 'unknownMetric', pointer: '/monitoring/alerts/0/metric', line: 6, column: 36 },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './immediate-triggers';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'metric, health check and signal triggers',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { response: immediate, metric: m, operator: "<", value: 50, level: 1 }
            - { response: immediate, healthCheck: /health/ready, level: 3 }
            - { response: evaluate, within: 15m, metric: m, level: 1 }
            - { response: monitor, signal: user-reports }
      `),
    },
    {
      name: 'a single immediate signal trigger',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
      `),
    },
  ],
  invalid: [
    {
      name: 'no immediate trigger',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { response: monitor, signal: user-reports }
      `),
      errors: [{ messageId: 'noImmediate', pointer: '/rollback/triggers', line: 5, column: 5 }],
    },
    {
      name: 'a trigger that reads nothing, with no level',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { description: Something bad, response: immediate }
      `),
      errors: [
        {
          messageId: 'noCondition',
          pointer: '/rollback/triggers/0',
          line: 5,
          column: 7,
          data: { trigger: '"Something bad"' },
        },
        { messageId: 'noLevel', pointer: '/rollback/triggers/0', line: 5, column: 7 },
      ],
    },
    {
      name: 'an undeclared health check and an unplanned level',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { response: immediate, healthCheck: /healthz, level: 2 }
      `),
      errors: [
        { messageId: 'unknownHealthCheck', pointer: '/rollback/triggers/0/healthCheck', line: 5, column: 43 },
        { messageId: 'unknownLevel', pointer: '/rollback/triggers/0/level', line: 5, column: 60 },
      ],
    },
    {
      name: 'an evaluate trigger without a time',
      plan: planYaml(`
        healthChecks: [{ path: /health/ready, kind: readiness, verifies: [db] }]
        rollback:
          levels: [{ level: 1, kind: feature-flag }, { level: 3, kind: code }]
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
            - { response: evaluate, metric: m, level: 1 }
      `),
      errors: [{ messageId: 'noWithin', pointer: '/rollback/triggers/1/response', line: 6, column: 19 }],
    },
  ],
});

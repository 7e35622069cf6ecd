import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './readiness-verifies';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'verifies declared dependencies',
      plan: planYaml(`
        functionality:
          purpose: Orders
          dependencies:
            services: [{ name: orders-db, preExisting: true }]
            apis: [{ name: payments-api, preExisting: true }]
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db, payments-api] }
      `),
    },
    {
      name: 'names compare without case',
      plan: planYaml(`
        functionality:
          purpose: Orders
          dependencies:
            services: [{ name: orders-db, preExisting: true }]
            apis: [{ name: payments-api, preExisting: true }]
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [Orders-DB] }
      `),
    },
    {
      name: 'liveness may verify nothing',
      plan: planYaml(`
        functionality:
          purpose: Orders
          dependencies:
            services: [{ name: orders-db, preExisting: true }]
            apis: [{ name: payments-api, preExisting: true }]
        healthChecks:
          - { path: /live, kind: liveness }
      `),
    },
  ],
  invalid: [
    {
      name: 'verifies nothing',
      plan: planYaml(`
        functionality:
          purpose: Orders
          dependencies:
            services: [{ name: orders-db, preExisting: true }]
            apis: [{ name: payments-api, preExisting: true }]
        healthChecks:
          - { path: /ready, kind: readiness }
      `),
      errors: [{ messageId: 'verifiesNothing', pointer: '/healthChecks/0', line: 7, column: 5 }],
    },
    {
      name: 'verifies something undeclared',
      plan: planYaml(`
        functionality:
          purpose: Orders
          dependencies:
            services: [{ name: orders-db, preExisting: true }]
            apis: [{ name: payments-api, preExisting: true }]
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db, redis] }
      `),
      errors: [
        {
          messageId: 'unknownDependency',
          pointer: '/healthChecks/0/verifies/1',
          line: 7,
          column: 60,
          data: { name: 'redis' },
        },
      ],
    },
  ],
});

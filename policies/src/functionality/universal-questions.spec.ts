import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './universal-questions';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'all seven answered',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
          requirements: [Must charge before confirming]
          constraints: { performance: p95 under 1s }
          dependencies: { apis: [{ name: payments-api, preExisting: true }] }
          edgeCases: [{ id: payments-down, description: Payments API down, handledBy: [x] }]
          verification: [{ id: contract, kind: integration, description: Contract test }]
          context: { location: src/ }
      `),
    },
    {
      name: 'answers in block style',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
          requirements: [Must charge before confirming]
          constraints:
            scale: 200 orders per second
          dependencies: { apis: [{ name: payments-api, preExisting: true }] }
          edgeCases: [{ id: payments-down, description: Payments API down, handledBy: [x] }]
          verification: [{ id: contract, kind: integration, description: Contract test }]
          context: { location: src/ }
      `),
    },
  ],
  invalid: [
    {
      name: 'only the purpose',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
      `),
      errors: ['requirements', 'constraints', 'dependencies', 'edgeCases', 'verification', 'context'].map((q) => ({
        messageId: 'missing',
        pointer: '/functionality',
        line: 1,
        column: 1,
        data: { question: q },
      })),
    },
    {
      name: 'a placeholder purpose',
      plan: planYaml(`
        functionality:
          purpose: TODO
          requirements: [Must charge before confirming]
          constraints: { performance: p95 under 1s }
          dependencies: { apis: [{ name: payments-api, preExisting: true }] }
          edgeCases: [{ id: payments-down, description: Payments API down, handledBy: [x] }]
          verification: [{ id: contract, kind: integration, description: Contract test }]
          context: { location: src/ }
      `),
      errors: [{ messageId: 'unanswered', pointer: '/functionality/purpose', line: 2, column: 12 }],
    },
    {
      name: 'an empty list and an empty mapping',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
          requirements: []
          constraints: { performance: p95 under 1s }
          dependencies: { apis: [{ name: payments-api, preExisting: true }] }
          edgeCases: [{ id: payments-down, description: Payments API down, handledBy: [x] }]
          verification: [{ id: contract, kind: integration, description: Contract test }]
          context: {}
      `),
      errors: [
        { messageId: 'unanswered', pointer: '/functionality/requirements', line: 3, column: 17 },
        { messageId: 'unanswered', pointer: '/functionality/context', line: 8, column: 12 },
      ],
    },
    {
      name: 'the scaffold marker counts as unanswered',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
          requirements: [Must charge before confirming]
          constraints: { performance: "TODO(deploy-plan): latency budget" }
          dependencies: { apis: [{ name: payments-api, preExisting: true }] }
          edgeCases: [{ id: payments-down, description: Payments API down, handledBy: [x] }]
          verification: [{ id: contract, kind: integration, description: Contract test }]
          context: { location: src/ }
      `),
      errors: [{ messageId: 'unanswered', pointer: '/functionality/constraints', line: 4, column: 16 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './unique-ids';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'distinct ids everywhere',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            response: [{ id: created, description: b }]
          verification: [{ id: unit, kind: unit, description: c }]
        deployment:
          method: docker
          steps: [{ id: ship }]
      `),
    },
    { name: 'no ids at all', plan: planYaml('') },
  ],
  invalid: [
    {
      name: 'the same id in two flows',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            response: [{ id: receive, description: b }]
      `),
      errors: [
        {
          messageId: 'duplicate',
          pointer: '/functionality/flows/response/0/id',
          line: 5,
          column: 22,
          data: { first: 'functionality.flows.request.0' },
        },
      ],
    },
    {
      name: 'a deployment step reusing a verification id',
      plan: planYaml(`
        functionality:
          purpose: Orders
          verification: [{ id: smoke, kind: smoke, description: c }]
        deployment:
          method: docker
          steps:
            - id: smoke
      `),
      errors: [{ messageId: 'duplicate', pointer: '/deployment/steps/0/id', line: 7, column: 11 }],
    },
  ],
});

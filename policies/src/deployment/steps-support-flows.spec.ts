import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './steps-support-flows';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'one step supports both flows',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: insert, description: b }]
        deployment:
          method: docker
          steps:
            - { id: ship, supports: [receive, insert] }
      `),
    },
    {
      name: 'two steps, one flow each',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: insert, description: b }]
        deployment:
          method: docker
          steps:
            - { id: db, supports: [insert] }
            - { id: api, supports: [receive] }
      `),
    },
  ],
  invalid: [
    {
      name: 'no steps',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: insert, description: b }]
        deployment:
          method: docker
          steps: []
      `),
      errors: [{ messageId: 'noSteps', pointer: '/deployment', line: 6, column: 1 }],
    },
    {
      name: 'a step that supports nothing leaves both flows unsupported',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: insert, description: b }]
        deployment:
          method: docker
          steps:
            - { id: ship, commands: [make deploy] }
      `),
      errors: [
        { messageId: 'unsupportedFlow', pointer: '/functionality/flows/request', line: 4, column: 5 },
        { messageId: 'unsupportedFlow', pointer: '/functionality/flows/data', line: 5, column: 5 },
        { messageId: 'supportsNothing', pointer: '/deployment/steps/0', line: 9, column: 7 },
      ],
    },
    {
      name: 'a misspelt flow step id',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: insert, description: b }]
        deployment:
          method: docker
          steps:
            - { id: ship, supports: [receive, insret] }
      `),
      errors: [
        { messageId: 'unsupportedFlow', pointer: '/functionality/flows/data', line: 5, column: 5 },
        {
          messageId: 'unknownFlowStep',
          pointer: '/deployment/steps/0/supports/1',
          line: 9,
          column: 39,
          data: { id: 'insret' },
        },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './flows-for-code-types';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'api with its four flows',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: Client posts }]
            response: [{ id: created, description: 201 Created }]
            error: [{ id: invalid, description: 400 Bad Request }]
            data: [{ id: insert, description: Stored }]
      `),
    },
    {
      name: 'ui with user, admin and system flows',
      plan: planYaml(
        `
        functionality:
          purpose: Checkout page
          flows:
            user: [{ id: click, description: Shopper clicks }]
            admin: [{ id: toggle, description: Merchandiser toggles }]
            system: [{ id: order, description: Posts the order }]
      `,
        { codeTypes: ['ui'] },
      ),
    },
    {
      name: 'two code types sharing the error flow',
      plan: planYaml(
        `
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: Client posts }]
            response: [{ id: created, description: 201 Created }]
            error: [{ id: invalid, description: 400 Bad Request }]
            integration: [{ id: call, description: Calls CRM }]
            state: [{ id: synced, description: Synced }]
            data: [{ id: insert, description: Stored }]
      `,
        { codeTypes: ['api', 'integration'] },
      ),
    },
  ],
  invalid: [
    {
      name: 'no flows at all',
      plan: planYaml(`
        functionality:
          purpose: Orders
      `),
      errors: ['request', 'response', 'error', 'data'].map((flow) => ({
        messageId: 'missing',
        pointer: '/functionality',
        line: 1,
        column: 1,
        data: { flow },
      })),
    },
    {
      name: 'a missing and an empty flow',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: Client posts }]
            response: [{ id: created, description: 201 Created }]
            error: []
      `),
      errors: [
        { messageId: 'missing', pointer: '/functionality/flows', line: 3, column: 3, data: { flow: 'data' } },
        { messageId: 'empty', pointer: '/functionality/flows/error', line: 6, column: 12 },
      ],
    },
    {
      name: 'a background job described with api flows',
      plan: planYaml(
        `
        functionality:
          purpose: Orders
          flows:
            request: [{ id: receive, description: Client posts }]
            response: [{ id: created, description: 201 Created }]
            error: [{ id: invalid, description: 400 Bad Request }]
            data: [{ id: insert, description: Stored }]
      `,
        { codeTypes: ['background-job'] },
      ),
      errors: ['job', 'processing', 'state'].map((flow) => ({
        messageId: 'missing',
        pointer: '/functionality/flows',
        line: 3,
        column: 3,
        data: { flow },
      })),
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './edge-cases-handled';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'handled by a flow step',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases:
            - { id: crm-down, description: CRM down, handledBy: [error-crm] }
      `),
    },
    {
      name: 'handled by a test and a step',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases:
            - { id: crm-down, description: CRM down, handledBy: [contract-test, error-crm] }
      `),
    },
    {
      name: 'no edge cases listed (the universal-questions policy asks for them)',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases: []
      `),
    },
  ],
  invalid: [
    {
      name: 'no handler',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases:
            - id: crm-down
              description: CRM down
      `),
      errors: [{ messageId: 'unhandled', pointer: '/functionality/edgeCases/0', line: 7, column: 7 }],
    },
    {
      name: 'an empty handler list',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases:
            - { id: crm-down, description: CRM down, handledBy: [] }
      `),
      errors: [{ messageId: 'unhandled', pointer: '/functionality/edgeCases/0', line: 7, column: 7 }],
    },
    {
      name: 'a handler that does not exist',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            error: [{ id: error-crm, description: 502 when CRM is down }]
          verification: [{ id: contract-test, kind: integration, description: CRM contract }]
          edgeCases:
            - { id: crm-down, description: CRM down, handledBy: [error-crm, crm-retry] }
      `),
      errors: [
        {
          messageId: 'unknownHandler',
          pointer: '/functionality/edgeCases/0/handledBy/1',
          line: 7,
          column: 69,
          data: { handler: 'crm-retry' },
        },
      ],
    },
  ],
});

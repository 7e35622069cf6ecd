import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './data-loss-trigger';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a database with an immediate data-loss trigger',
      plan: planYaml(
        `
        rollback:
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
      `,
        { codeTypes: ['database'] },
      ),
    },
    {
      name: 'corruption counts too',
      plan: planYaml(
        `
        rollback:
          triggers:
            - { response: immediate, signal: data-corruption, level: 3 }
      `,
        { codeTypes: ['database'] },
      ),
    },
    {
      name: 'a UI without data flows needs none',
      plan: planYaml(
        `
        rollback:
          triggers:
            - { response: immediate, metric: m, level: 1 }
      `,
        { codeTypes: ['ui'] },
      ),
    },
    {
      name: 'storage answered with "none"',
      plan: planYaml(
        `
        functionality:
          purpose: UI
          constraints: { storage: None in this project }
        rollback:
          triggers: [{ response: immediate, metric: m, level: 1 }]
      `,
        { codeTypes: ['ui'] },
      ),
    },
  ],
  invalid: [
    {
      name: 'a database without one',
      plan: planYaml(
        `
        rollback:
          triggers:
            - { response: immediate, metric: errors, level: 3 }
      `,
        { codeTypes: ['database'] },
      ),
      errors: [
        { messageId: 'missing', pointer: '/rollback/triggers', line: 3, column: 5, data: { why: 'database code' } },
      ],
    },
    {
      name: 'an API with a data flow, whose data-loss trigger only monitors',
      plan: planYaml(`
        functionality:
          purpose: Orders
          flows:
            data: [{ id: insert, description: Stored }]
        rollback:
          triggers:
            - { response: monitor, signal: data-loss }
      `),
      errors: [
        {
          messageId: 'missing',
          pointer: '/rollback/triggers',
          line: 7,
          column: 5,
          data: { why: 'it has a data flow' },
        },
        { messageId: 'notImmediate', pointer: '/rollback/triggers/0/response', line: 7, column: 19 },
      ],
    },
    {
      name: 'a worker that states a storage constraint',
      plan: planYaml(
        `
        functionality:
          purpose: Invoices
          constraints: { storage: PDFs kept 10 years in S3 }
        rollback:
          triggers: []
      `,
        { codeTypes: ['background-job'] },
      ),
      errors: [
        {
          messageId: 'missing',
          pointer: '/rollback/triggers',
          line: 5,
          column: 13,
          data: { why: 'it states a storage constraint' },
        },
      ],
    },
    {
      name: 'migrations but no triggers at all',
      plan: planYaml(
        `
        migrations: { tool: knex }
        rollback: {}
      `,
        { codeTypes: ['utility'] },
      ),
      errors: [{ messageId: 'missing', pointer: '/rollback', line: 2, column: 1, data: { why: 'it has migrations' } }],
    },
  ],
});

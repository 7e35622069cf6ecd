import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './present-for-database';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a database with changes',
      plan: planYaml(
        `
        migrations:
          tool: knex
          changes: [{ id: add-col, description: Add a column }]
      `,
        { codeTypes: ['database'] },
      ),
    },
    { name: 'an api needs none', plan: planYaml('') },
  ],
  invalid: [
    {
      name: 'no migrations section',
      plan: planYaml('codeTypes: [database]'),
      errors: [{ messageId: 'missing', pointer: '/codeTypes', line: 1, column: 1 }],
    },
    {
      name: 'no changes',
      plan: planYaml(
        `
        migrations:
          tool: prisma
      `,
        { codeTypes: ['database'] },
      ),
      errors: [{ messageId: 'noChanges', pointer: '/migrations', line: 1, column: 1 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './present-for-database';

const db = (body: string) => planYaml(body, { codeTypes: ['database'] });

new PolicyTester().run(policy, {
  valid: [
    { name: 'a database with changes', plan: db('migrations:\n  tool: knex\n  changes: [{ id: add-col, description: Add a column }]') },
    { name: 'an api needs none', plan: planYaml('') },
  ],
  invalid: [
    { name: 'no migrations section', plan: planYaml('codeTypes: [database]'), errors: [{ messageId: 'missing', pointer: '/codeTypes', line: 1, column: 1 }] },
    { name: 'no changes', plan: db('migrations:\n  tool: prisma'), errors: [{ messageId: 'noChanges', pointer: '/migrations', line: 1, column: 1 }] },
  ],
});

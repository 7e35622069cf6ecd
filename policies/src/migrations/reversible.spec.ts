import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './reversible';

const change = (fields: string) => planYaml(`migrations:\n  tool: knex\n  changes:\n    - { id: c1, description: d${fields} }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'reversible with a down migration', plan: change(', reversible: true, down: npm run migrate:down') },
    { name: 'a down file path', plan: change(', reversible: true, down: migrations/0002_down.sql') },
  ],
  invalid: [
    { name: 'irreversible', plan: change(', reversible: false'), errors: [{ messageId: 'irreversible', pointer: '/migrations/changes/0/reversible', line: 4, column: 45 }] },
    { name: 'unstated', plan: change(''), errors: [{ messageId: 'unknown', pointer: '/migrations/changes/0', line: 4, column: 7 }] },
    { name: 'reversible but no down', plan: change(', reversible: true'), errors: [{ messageId: 'noDown', pointer: '/migrations/changes/0/reversible', line: 4, column: 45 }] },
  ],
});

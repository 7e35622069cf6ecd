import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './ordered';

const change = (fields: string) => planYaml(`migrations:\n  tool: knex\n  changes:\n    - { id: c1, description: d${fields} }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'expand before the deploy', plan: change(', phase: expand, runs: before-deploy') },
    { name: 'contract after the deploy', plan: change(', phase: contract, runs: after-deploy') },
    { name: 'a data migration with the deploy', plan: change(', phase: migrate, runs: with-deploy') },
  ],
  invalid: [
    {
      name: 'neither phase nor timing',
      plan: change(''),
      errors: [
        { messageId: 'noRuns', pointer: '/migrations/changes/0', line: 4, column: 7 },
        { messageId: 'noPhase', pointer: '/migrations/changes/0', line: 4, column: 7 },
      ],
    },
    { name: 'contract before the deploy', plan: change(', phase: contract, runs: before-deploy'), errors: [{ messageId: 'contractTooEarly', pointer: '/migrations/changes/0/runs', line: 4, column: 56 }] },
    { name: 'contract with the deploy', plan: change(', phase: contract, runs: with-deploy'), errors: [{ messageId: 'contractTooEarly', pointer: '/migrations/changes/0/runs', line: 4, column: 56 }] },
    { name: 'expand after the deploy', plan: change(', phase: expand, runs: after-deploy'), errors: [{ messageId: 'expandTooLate', pointer: '/migrations/changes/0/runs', line: 4, column: 54 }] },
  ],
});

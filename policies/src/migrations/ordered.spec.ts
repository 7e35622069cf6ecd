import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './ordered';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'expand before the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: expand, runs: before-deploy }
      `),
    },
    {
      name: 'contract after the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: contract, runs: after-deploy }
      `),
    },
    {
      name: 'a data migration with the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: migrate, runs: with-deploy }
      `),
    },
  ],
  invalid: [
    {
      name: 'neither phase nor timing',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d }
      `),
      errors: [
        { messageId: 'noRuns', pointer: '/migrations/changes/0', line: 4, column: 7 },
        { messageId: 'noPhase', pointer: '/migrations/changes/0', line: 4, column: 7 },
      ],
    },
    {
      name: 'contract before the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: contract, runs: before-deploy }
      `),
      errors: [{ messageId: 'contractTooEarly', pointer: '/migrations/changes/0/runs', line: 4, column: 56 }],
    },
    {
      name: 'contract with the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: contract, runs: with-deploy }
      `),
      errors: [{ messageId: 'contractTooEarly', pointer: '/migrations/changes/0/runs', line: 4, column: 56 }],
    },
    {
      name: 'expand after the deploy',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, phase: expand, runs: after-deploy }
      `),
      errors: [{ messageId: 'expandTooLate', pointer: '/migrations/changes/0/runs', line: 4, column: 54 }],
    },
  ],
});

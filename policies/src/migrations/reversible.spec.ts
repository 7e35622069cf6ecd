import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './reversible';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'reversible with a down migration',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, reversible: true, down: npm run migrate:down }
      `),
    },
    {
      name: 'a down file path',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, reversible: true, down: migrations/0002_down.sql }
      `),
    },
  ],
  invalid: [
    {
      name: 'irreversible',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, reversible: false }
      `),
      errors: [{ messageId: 'irreversible', pointer: '/migrations/changes/0/reversible', line: 4, column: 45 }],
    },
    {
      name: 'unstated',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d }
      `),
      errors: [{ messageId: 'unknown', pointer: '/migrations/changes/0', line: 4, column: 7 }],
    },
    {
      name: 'reversible but no down',
      plan: planYaml(`
        migrations:
          tool: knex
          changes:
            - { id: c1, description: d, reversible: true }
      `),
      errors: [{ messageId: 'noDown', pointer: '/migrations/changes/0/reversible', line: 4, column: 45 }],
    },
  ],
});

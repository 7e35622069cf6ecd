import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'migrations/present-for-database',
  meta: {
    severity: 'important',
    checklist: 'important-4',
    description: 'Database code describes its migrations: the tool and each schema change',
    rationale:
      'The fourth important item: database migrations support the functionality. For ' +
      'database code the schema change is the deployment, so the plan must say what ' +
      'changes, with which tool, and how it is undone.',
    messages: {
      missing: 'Database code needs a `migrations` section: the tool and each schema change.',
      noChanges: 'The migrations section lists no changes; describe each schema change.',
    },
    examples: {
      fail: 'codeTypes: [database]',
      pass:
        'codeTypes: [database]\nmigrations:\n  tool: knex\n  changes:\n    - { id: ' +
        'add-tax-lines, description: Add nullable invoices.tax_lines, phase: expand, ' +
        'runs: before-deploy, reversible: true, down: npm run migrate:down }',
    },
  },
  check({ plan, report }) {
    if (!plan.codeTypes.includes('database')) return;
    if (!plan.migrations) report({ messageId: 'missing', pointer: '/codeTypes', target: 'key' });
    else if (!(plan.migrations.changes ?? []).length)
      report({ messageId: 'noChanges', pointer: '/migrations', target: 'key' });
  },
});

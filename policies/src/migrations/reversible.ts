import { definePolicy, isPlaceholder } from '@deploy-plan/core';

export default definePolicy({
  id: 'migrations/reversible',
  meta: {
    severity: 'important',
    checklist: ['important-4', 'critical-3'],
    description: 'Every migration can be undone: reversible, with a down migration (or an explicit waiver)',
    rationale:
      'A code rollback (level 3) is only a rollback if the schema can go back too. An ' +
      'irreversible change (dropping a column, rewriting data) must be a deliberate, ' +
      'reviewed exception: waive this policy for it, with a reason and an owner.',
    messages: {
      irreversible:
        'Migration `{{id}}` is not reversible; make it reversible or add a waiver explaining why it cannot be.',
      unknown: 'Migration `{{id}}` does not say whether it is reversible; add `reversible` and its `down`.',
      noDown: 'Migration `{{id}}` is reversible but names no down migration; add `down`.',
    },
    examples: {
      fail:
        'changes:\n  - { id: drop-legacy, description: Drop legacy_status, phase: ' +
        'contract, runs: after-deploy, reversible: false }',
      pass:
        'changes:\n  - { id: add-tax-lines, description: Add nullable tax_lines, phase: ' +
        'expand, runs: before-deploy, reversible: true, down: npm run migrate:down }',
    },
  },
  check({ plan, report }) {
    (plan.migrations?.changes ?? []).forEach((change, i) => {
      const at = `/migrations/changes/${i}`;
      const data = { id: change.id };
      if (change.reversible === false) report({ messageId: 'irreversible', data, pointer: `${at}/reversible` });
      else if (change.reversible === undefined) report({ messageId: 'unknown', data, pointer: at, target: 'key' });
      else if (!change.down || isPlaceholder(change.down))
        report({ messageId: 'noDown', data, pointer: `${at}/reversible` });
    });
  },
});

import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'migrations/ordered',
  meta: {
    severity: 'important',
    checklist: ['important-4', 'critical-2'],
    description:
      'Every migration says when it runs relative to the deploy, and expand/contract ' +
      'changes run on the right side of it',
    rationale:
      'Schema and code deploy separately, so for a while old code runs on the new ' +
      'schema or new code on the old one. Expand changes (additions old code ignores) ' +
      'go before the deploy; contract changes (removing what old code uses) go after ' +
      'it, once no old code runs.',
    messages: {
      noRuns: 'Migration `{{id}}` does not say when it runs; add `runs: before-deploy | with-deploy | after-deploy`.',
      noPhase: 'Migration `{{id}}` does not say whether it expands or contracts the schema; add `phase`.',
      contractTooEarly:
        'Migration `{{id}}` contracts the schema but runs {{runs}}: the old code still ' +
        'running would break. Run it after the deploy.',
      expandTooLate:
        'Migration `{{id}}` expands the schema but runs after the deploy: the new code ' +
        'would start without it. Run it before the deploy.',
    },
    examples: {
      fail:
        'changes:\n  - { id: drop-legacy, description: Drop legacy_status, phase: ' +
        'contract, runs: before-deploy, reversible: true, down: ... }',
      pass:
        'changes:\n  - { id: drop-legacy, description: Drop legacy_status, phase: ' +
        'contract, runs: after-deploy, reversible: true, down: ... }',
    },
  },
  check({ plan, report }) {
    (plan.migrations?.changes ?? []).forEach((change, i) => {
      const at = `/migrations/changes/${i}`;
      const data = { id: change.id };
      if (!change.runs) report({ messageId: 'noRuns', data, pointer: at, target: 'key' });
      if (!change.phase) report({ messageId: 'noPhase', data, pointer: at, target: 'key' });
      if (change.phase === 'contract' && change.runs && change.runs !== 'after-deploy') {
        report({ messageId: 'contractTooEarly', data: { ...data, runs: change.runs }, pointer: `${at}/runs` });
      }
      if (change.phase === 'expand' && change.runs === 'after-deploy')
        report({ messageId: 'expandTooLate', data, pointer: `${at}/runs` });
    });
  },
});

import { definePolicy } from '@deploy-plan/core';
import { storesData } from '../util/plan';

export default definePolicy({
  id: 'rollback/data-loss-trigger',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description:
      'A project that stores data (database code, migrations, a data flow or a storage ' +
      'constraint) rolls back immediately on data loss or corruption',
    rationale:
      'The method lists "data loss or corruption" among the immediate, no-discussion ' +
      'rollback triggers. It is the one failure that gets worse with every minute ' +
      'spent deciding.',
    messages: {
      missing:
        'This project stores data ({{why}}), but no immediate trigger covers data loss; ' +
        'add `{ response: immediate, signal: data-loss, level: 3 }`.',
      notImmediate: 'The {{signal}} trigger must roll back immediately, not `{{response}}`.',
    },
    examples: {
      fail:
        'codeTypes: [database]\nrollback:\n  triggers: [{ response: immediate, metric: ' +
        'query_errors, operator: ">", value: 50, level: 3 }]',
      pass: 'codeTypes: [database]\nrollback:\n  triggers:\n    - { response: immediate, signal: data-loss, level: 3 }',
    },
  },
  check({ plan, report }) {
    const why = storesData(plan);
    if (!why) return;
    const triggers = plan.rollback.triggers ?? [];
    const dataSignals = triggers
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => t.signal === 'data-loss' || t.signal === 'data-corruption');
    for (const { t, i } of dataSignals) {
      if (t.response !== 'immediate')
        report({
          messageId: 'notImmediate',
          data: { signal: t.signal!, response: t.response },
          pointer: `/rollback/triggers/${i}/response`,
        });
    }
    if (!dataSignals.some(({ t }) => t.response === 'immediate')) {
      report({
        messageId: 'missing',
        data: { why },
        pointer: plan.rollback.triggers ? '/rollback/triggers' : '/rollback',
        target: plan.rollback.triggers ? 'value' : 'key',
      });
    }
  },
});

import { definePolicy, formatDuration } from '@deploy-plan/core';
import { ms } from '../util/plan';
import { BUDGET_OPTIONS, budgetFor, type BudgetOptions } from '../util/budgets';

export default definePolicy<'noDuration' | 'overBudget', BudgetOptions>({
  id: 'rollback/level-time-budget',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description: 'Each rollback level has a maximum duration within its budget (5m / 10m / 15m by default)',
    rationale:
      'The method sizes its levels by time: a feature flag in under 5 minutes, ' +
      'configuration in under 10, code in under 15. A level that takes longer than its ' +
      'budget means the functionality stays broken longer than the plan promises.',
    messages: {
      noDuration: 'Rollback level {{level}} does not say how long it takes; add `maxDuration` (budget {{budget}}).',
      overBudget: 'Rollback level {{level}} takes up to {{duration}}, over its {{budget}} budget.',
    },
    options: BUDGET_OPTIONS,
    examples: {
      fail: 'levels:\n  - { level: 3, kind: code, maxDuration: 45m }',
      pass: 'levels:\n  - { level: 3, kind: code, maxDuration: 15m }',
    },
  },
  check({ plan, options, report }) {
    (plan.rollback.levels ?? []).forEach((level, i) => {
      const budget = budgetFor(options, level.level);
      const duration = ms(level.maxDuration);
      if (duration === undefined)
        report({
          messageId: 'noDuration',
          data: { level: level.level, budget: budget.text },
          pointer: `/rollback/levels/${i}`,
          target: 'key',
        });
      else if (duration > budget.ms)
        report({
          messageId: 'overBudget',
          data: { level: level.level, duration: formatDuration(duration), budget: budget.text },
          pointer: `/rollback/levels/${i}/maxDuration`,
        });
    });
  },
});

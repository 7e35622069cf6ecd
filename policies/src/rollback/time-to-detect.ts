import { definePolicy, formatDuration } from '@deploy-plan/core';
import { metricsByName, ms } from '../util/plan';
import { BUDGET_OPTIONS, budgetFor, type BudgetOptions } from '../util/budgets';

export default definePolicy<'unknownDetection' | 'tooSlow', BudgetOptions>({
  id: 'rollback/time-to-detect',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description:
      'For each immediate trigger on a metric, time to detect (interval × ' +
      "failureLimit) plus the rollback level's maxDuration fits the level's budget",
    rationale:
      'A 5-minute rollback is worth little if the metric needs 20 minutes to notice ' +
      'the breakage. The functionality is restored only after detection and rollback ' +
      'both finish, so their sum is what must fit the budget.',
    messages: {
      unknownDetection:
        'Trigger {{trigger}} reads `{{metric}}`, which has no {{missing}}, so how long ' +
        'it takes to notice a failure is unknown.',
      tooSlow:
        'Trigger {{trigger}} takes {{total}} to roll back: {{detect}} to detect ' +
        '(`{{metric}}` every {{interval}} × {{failureLimit}} failures) plus up to ' +
        '{{duration}} for level {{level}}, over the {{budget}} budget.',
    },
    options: BUDGET_OPTIONS,
    examples: {
      fail:
        'metrics: [{ name: upload_success_rate, type: gauge, interval: 5m, failureLimit: ' +
        '3 }]\nrollback:\n  levels: [{ level: 1, kind: feature-flag, maxDuration: 2m ' +
        '}]\n  triggers: [{ response: immediate, metric: upload_success_rate, operator: ' +
        '"<", value: 50, level: 1 }]',
      pass:
        'metrics: [{ name: upload_success_rate, type: gauge, interval: 1m, failureLimit: ' +
        '2 }]\nrollback:\n  levels: [{ level: 1, kind: feature-flag, maxDuration: 2m ' +
        '}]\n  triggers: [{ response: immediate, metric: upload_success_rate, operator: ' +
        '"<", value: 50, level: 1 }]',
    },
  },
  check({ plan, options, report }) {
    const metrics = metricsByName(plan);
    const levels = plan.rollback.levels ?? [];
    (plan.rollback.triggers ?? []).forEach((trigger, i) => {
      if (trigger.response !== 'immediate' || !trigger.metric || trigger.level === undefined) return;
      const found = metrics.get(trigger.metric);
      const level = levels.find((l) => l.level === trigger.level);
      // An unknown metric or level is reported by monitoring/known-metrics and rollback/immediate-triggers.
      if (!found || !level) return;
      const name = trigger.description ? `"${trigger.description}"` : `#${i + 1}`;
      const interval = ms(found.metric.interval);
      const missing = [
        interval === undefined && '`interval`',
        found.metric.failureLimit === undefined && '`failureLimit`',
      ]
        .filter(Boolean)
        .join(' or ');
      if (missing) {
        report({
          messageId: 'unknownDetection',
          data: { trigger: name, metric: trigger.metric, missing },
          pointer: `/rollback/triggers/${i}/metric`,
        });
        return;
      }
      const duration = ms(level.maxDuration);
      if (duration === undefined) return; // reported by rollback/level-time-budget
      const detect = interval! * found.metric.failureLimit!;
      const budget = budgetFor(options, level.level);
      if (detect + duration > budget.ms) {
        report({
          messageId: 'tooSlow',
          data: {
            trigger: name,
            total: formatDuration(detect + duration),
            detect: formatDuration(detect),
            metric: trigger.metric,
            interval: found.metric.interval!,
            failureLimit: found.metric.failureLimit!,
            duration: formatDuration(duration),
            level: level.level,
            budget: budget.text,
          },
          pointer: `/rollback/triggers/${i}`,
          target: 'key',
          relatedPointers: [
            {
              pointer: `/monitoring/metrics/${found.index}/interval`,
              message: `\`${trigger.metric}\` is evaluated every ${found.metric.interval}`,
            },
            {
              pointer: `/rollback/levels/${levels.indexOf(level)}/maxDuration`,
              message: `level ${level.level} takes up to ${level.maxDuration}`,
            },
          ],
        });
      }
    });
  },
});

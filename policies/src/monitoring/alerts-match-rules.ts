import { comparisons, definePolicy, formatDuration, type AlertRuleFact } from '@deploy-plan/core';
import { BUDGET_OPTIONS, budgetFor, type BudgetOptions } from '../util/budgets';
import { notUnderstood, siteIn } from '../util/infrastructure';
import { ms } from '../util/plan';

type Operator = '<' | '<=' | '>' | '>=';

/** Prometheus evaluates rule groups every minute unless the group or the server says otherwise. */
const DEFAULT_EVALUATION = '1m';

const squash = (s: string) => s.replace(/\s+/g, '');

/** A plan condition on a metric: an alert, or an immediate rollback trigger. */
interface Condition {
  what: string;
  metric: string;
  operator: Operator;
  value: number;
  for?: string;
  pointer: string;
  level?: number;
}

export default definePolicy<'noRule' | 'otherComparison' | 'otherFor' | 'slowRule' | 'notUnderstood', BudgetOptions>({
  id: 'monitoring/alerts-match-rules',
  meta: {
    severity: 'critical',
    checklist: ['critical-4', 'critical-3'],
    description:
      'Each alert and immediate rollback trigger of the plan has a Prometheus alert rule that compares ' +
      'its metric the same way, in time',
    rationale:
      'Prometheus, not the plan, pages and rolls back: it evaluates the alerting rules. A plan ' +
      'alert at "< 50" while the rule fires at "< 20", or after 30 minutes, protects nothing, and ' +
      'an immediate trigger is only immediate if its rule fires within the rollback budget.',
    messages: {
      noRule:
        'No Prometheus alert rule in the project reads `{{metric}}`, so {{what}} ({{operator}} {{value}}) never fires.',
      otherComparison:
        'Alert rule `{{rule}}` compares `{{metric}}` with {{found}}, but {{what}} fires at {{operator}} {{value}}.',
      otherFor: 'Alert rule `{{rule}}` waits {{found}} (`for`) before firing, but {{what}} says {{expected}}.',
      slowRule:
        'Alert rule `{{rule}}` fires {{detect}} after `{{metric}}` breaks (`for` {{for}} + evaluation every ' +
        '{{interval}}), and level {{level}} takes up to {{duration}}: {{total}}, over the {{budget}} budget.',
      notUnderstood: 'The alerting rules in this file could not be read: {{reason}}.',
    },
    needs: ['files'],
    options: BUDGET_OPTIONS,
    examples: {
      fail:
        '# k8s/rules.yaml: - { alert: OrdersBroken, expr: order_success_rate < 20 }\n' +
        'monitoring:\n  alerts: [{ name: orders_broken, metric: order_success_rate, operator: "<", value: 50, ' +
        'action: page }]',
      pass:
        '# k8s/rules.yaml: - { alert: OrdersBroken, expr: order_success_rate < 50 }\n' +
        'monitoring:\n  alerts: [{ name: orders_broken, metric: order_success_rate, operator: "<", value: 50, ' +
        'action: page }]',
    },
  },
  check({ plan, facts, options, report }) {
    const infra = facts.files?.infrastructure;
    for (const n of notUnderstood(infra, 'alerts'))
      report({ messageId: 'notUnderstood', pointer: '/monitoring', ...n });
    const rules = infra?.alertRules ?? [];
    if (!rules.length) return;
    const conditions: Condition[] = [
      ...(plan.monitoring.alerts ?? []).map((a, i) => ({
        what: `the plan's alert \`${a.name}\``,
        metric: a.metric,
        operator: a.operator,
        value: a.value,
        for: a.for,
        pointer: `/monitoring/alerts/${i}`,
      })),
      ...(plan.rollback.triggers ?? []).flatMap((t, i) =>
        t.response === 'immediate' && t.metric && t.operator && t.value !== undefined
          ? [
              {
                what: t.description ? `the immediate trigger "${t.description}"` : `immediate trigger #${i + 1}`,
                metric: t.metric,
                operator: t.operator,
                value: t.value,
                pointer: `/rollback/triggers/${i}`,
                level: t.level,
              },
            ]
          : [],
      ),
    ];
    for (const c of conditions) {
      const query = plan.monitoring.metrics?.find((m) => m.name === c.metric)?.query;
      const reads = (r: AlertRuleFact) =>
        new RegExp(`(^|[^\\w:])${c.metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w:]|$)`).test(r.expr) ||
        (query && squash(r.expr).includes(squash(query)));
      const reading = rules.filter(reads);
      const data = { what: c.what, metric: c.metric, operator: c.operator, value: c.value };
      if (!reading.length) {
        report({ messageId: 'noRule', data, pointer: c.pointer, target: 'key' });
        continue;
      }
      const same = reading.find((r) =>
        comparisons(r.expr).some((x) => x.operator === c.operator && x.value === c.value),
      );
      const at = (r: AlertRuleFact) => siteIn(r.file, r);
      if (!same) {
        const rule = reading[0];
        const found =
          comparisons(rule.expr)
            .map((x) => `${x.operator} ${x.value}`)
            .join(', ') || 'no number';
        report({
          messageId: 'otherComparison',
          data: { ...data, rule: rule.alert, found },
          pointer: `${c.pointer}/value`,
          at: at(rule),
        });
        continue;
      }
      if (c.for && (ms(same.for) ?? 0) !== ms(c.for))
        report({
          messageId: 'otherFor',
          data: { rule: same.alert, found: same.for ?? 'nothing', what: c.what, expected: c.for },
          pointer: `${c.pointer}/for`,
          at: at(same),
        });
      if (c.level !== undefined)
        slowRule(c, same, plan.rollback.levels ?? [], options, (r) => report({ ...r, at: at(same) }));
    }
  },
});

/** An immediate trigger whose rule, plus its rollback level, does not fit the level's budget. */
function slowRule(
  c: Condition,
  rule: AlertRuleFact,
  levels: readonly { level: number; maxDuration?: string }[],
  options: BudgetOptions,
  report: (finding: { messageId: 'slowRule'; data: Record<string, string | number>; pointer: string }) => void,
): void {
  const level = levels.find((l) => l.level === c.level);
  const duration = ms(level?.maxDuration);
  if (!level || duration === undefined) return;
  const interval = rule.interval ?? DEFAULT_EVALUATION;
  const detect = (ms(rule.for) ?? 0) + (ms(interval) ?? 0);
  const budget = budgetFor(options, level.level);
  if (detect + duration <= budget.ms) return;
  report({
    messageId: 'slowRule',
    data: {
      rule: rule.alert,
      detect: formatDuration(detect),
      metric: c.metric,
      for: rule.for ?? '0s',
      interval,
      level: level.level,
      duration: formatDuration(duration),
      total: formatDuration(detect + duration),
      budget: budget.text,
    },
    pointer: c.pointer,
  });
}

import { definePolicy } from '@deploy-plan/core';
import { metricsByName } from '../util/plan';

export default definePolicy({
  id: 'monitoring/condition-direction',
  meta: {
    severity: 'critical',
    checklist: ['critical-4', 'critical-3'],
    description:
      "Alert and rollback-trigger conditions compare in the metric's bad direction (a " +
      'success rate falls below, a latency rises above)',
    rationale:
      'A rollback trigger written `success_rate > 50` fires while the functionality ' +
      "works and stays silent when it breaks. The metric's direction says which " +
      'comparison means "worse".',
    messages: {
      wrongDirection:
        'The {{what}} fires when `{{metric}}` is {{operator}} {{value}}, but ' +
        '{{direction}}: it should fire when the value is {{expected}} the threshold.',
      noOperator: 'The {{what}} reads `{{metric}}` without a condition; add `operator` and `value`.',
    },
    examples: {
      fail:
        'metrics: [{ name: upload_success_rate, type: gauge, direction: higher-is-better ' +
        '}]\ntriggers: [{ response: immediate, metric: upload_success_rate, operator: ' +
        '">", value: 50, level: 1 }]',
      pass:
        'metrics: [{ name: upload_success_rate, type: gauge, direction: higher-is-better ' +
        '}]\ntriggers: [{ response: immediate, metric: upload_success_rate, operator: ' +
        '"<", value: 50, level: 1 }]',
    },
  },
  check({ plan, report }) {
    const metrics = metricsByName(plan);
    const check = (
      what: string,
      at: string,
      metric: string,
      operator: string | undefined,
      value: number | undefined,
      needsCondition: boolean,
    ) => {
      const found = metrics.get(metric);
      if (!found) return; // monitoring/known-metrics reports it
      if (!operator || value === undefined) {
        if (needsCondition) report({ messageId: 'noOperator', data: { what, metric }, pointer: at, target: 'key' });
        return;
      }
      const direction = found.metric.direction;
      if (!direction) return; // monitoring/threshold-order asks for it
      const fallsBelow = operator === '<' || operator === '<=';
      if (direction === 'higher-is-better' ? !fallsBelow : fallsBelow) {
        report({
          messageId: 'wrongDirection',
          data: {
            what,
            metric,
            operator,
            value,
            direction: `\`${metric}\` is ${direction}`,
            expected: direction === 'higher-is-better' ? 'below' : 'above',
          },
          pointer: `${at}/operator`,
        });
      }
    };
    (plan.monitoring.alerts ?? []).forEach((a, i) =>
      check(`alert \`${a.name}\``, `/monitoring/alerts/${i}`, a.metric, a.operator, a.value, true),
    );
    (plan.rollback.triggers ?? []).forEach((t, i) => {
      if (t.metric)
        check(
          t.description ? `trigger "${t.description}"` : `trigger #${i + 1}`,
          `/rollback/triggers/${i}`,
          t.metric,
          t.operator,
          t.value,
          t.response !== 'monitor',
        );
    });
  },
});

import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'monitoring/threshold-order',
  meta: {
    severity: 'critical',
    checklist: 'critical-4',
    description: 'Every metric has a direction and both thresholds, and its alert fires before its rollback threshold',
    rationale:
      'The method pairs each metric with an alert threshold (degraded: tell the team) ' +
      'and a rollback threshold (broken: roll back), e.g. upload success rate alert at ' +
      "95, rollback at 50. If the alert does not come first in the metric's direction, " +
      'the first anyone hears of a problem is the rollback.',
    messages: {
      noDirection:
        'Metric `{{metric}}` does not say whether higher or lower is better; add ' +
        '`direction`, which decides how its thresholds compare.',
      noThresholds: 'Metric `{{metric}}` has no {{missing}} threshold; add `thresholds: { alert, rollback }`.',
      sameValue: 'Metric `{{metric}}` alerts and rolls back at the same value ({{value}}); the alert must fire first.',
      wrongOrder:
        'Metric `{{metric}}` is {{direction}}, so its alert ({{alert}}) must be ' +
        '{{relation}} its rollback threshold ({{rollback}}) to fire first.',
    },
    examples: {
      fail:
        'metrics:\n  - { name: upload_success_rate, type: gauge, direction: ' +
        'higher-is-better, thresholds: { alert: 50, rollback: 95 } }',
      pass:
        'metrics:\n  - { name: upload_success_rate, type: gauge, direction: ' +
        'higher-is-better, thresholds: { alert: 95, rollback: 50 } }',
    },
  },
  check({ plan, report }) {
    (plan.monitoring.metrics ?? []).forEach((metric, i) => {
      const at = `/monitoring/metrics/${i}`;
      const data = { metric: metric.name };
      if (!metric.direction) report({ messageId: 'noDirection', data, pointer: at, target: 'key' });
      const { alert, rollback } = metric.thresholds ?? {};
      const missing = [alert === undefined && 'alert', rollback === undefined && 'rollback']
        .filter(Boolean)
        .join(' or ');
      if (missing) {
        report({
          messageId: 'noThresholds',
          data: { ...data, missing },
          pointer: metric.thresholds ? `${at}/thresholds` : at,
          target: metric.thresholds ? 'value' : 'key',
        });
        return;
      }
      if (alert === rollback) {
        report({ messageId: 'sameValue', data: { ...data, value: alert! }, pointer: `${at}/thresholds` });
        return;
      }
      if (!metric.direction) return;
      const higher = metric.direction === 'higher-is-better';
      if (higher ? alert! < rollback! : alert! > rollback!) {
        report({
          messageId: 'wrongOrder',
          data: {
            ...data,
            direction: metric.direction,
            alert: alert!,
            rollback: rollback!,
            relation: higher ? 'above' : 'below',
          },
          pointer: `${at}/thresholds`,
        });
      }
    });
  },
});

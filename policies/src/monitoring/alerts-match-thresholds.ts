import { definePolicy } from '@deploy-plan/core';
import { metricsByName } from '../util/plan';

export default definePolicy({
  id: 'monitoring/alerts-match-thresholds',
  meta: {
    severity: 'minor',
    checklist: 'minor-3',
    description:
      "Alerts use the metric's thresholds: rollback alerts its rollback threshold, other alerts its alert threshold",
    rationale:
      'In the method\'s monitoring config, "functionality_broken" fires at the ' +
      'rollback threshold (upload_success_rate < 50, rollback immediately) and ' +
      '"functionality_degraded" at the alert threshold (< 95, alert the team). Alerts ' +
      'at other values drift from what the plan says the thresholds are.',
    messages: {
      mismatch: "Alert `{{alert}}` fires at {{value}}, but `{{metric}}`'s {{kind}} threshold is {{threshold}}.",
    },
    examples: {
      fail:
        'metrics: [{ name: upload_success_rate, type: gauge, thresholds: { alert: 95, ' +
        'rollback: 50 } }]\nalerts: [{ name: broken, metric: upload_success_rate, ' +
        'operator: "<", value: 40, action: rollback-immediate }]',
      pass:
        'metrics: [{ name: upload_success_rate, type: gauge, thresholds: { alert: 95, ' +
        'rollback: 50 } }]\nalerts: [{ name: broken, metric: upload_success_rate, ' +
        'operator: "<", value: 50, action: rollback-immediate }]',
    },
  },
  check({ plan, report }) {
    const metrics = metricsByName(plan);
    (plan.monitoring.alerts ?? []).forEach((alert, i) => {
      const metric = metrics.get(alert.metric)?.metric;
      if (!metric?.thresholds) return;
      const kind = alert.action === 'rollback-immediate' ? 'rollback' : 'alert';
      const threshold = metric.thresholds[kind];
      if (threshold !== undefined && threshold !== alert.value) {
        report({
          messageId: 'mismatch',
          data: { alert: alert.name, value: alert.value, metric: alert.metric, kind, threshold },
          pointer: `/monitoring/alerts/${i}/value`,
        });
      }
    });
  },
});

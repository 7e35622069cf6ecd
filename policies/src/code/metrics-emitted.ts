import { definePolicy, isPlaceholder } from '@deploy-plan/core';
import { failuresOf, incompleteness } from '../util/code';

/** Metric names a PromQL (or similar) query reads. */
export function queryMetrics(query: string): string[] {
  const words = query.replace(/"[^"]*"|'[^']*'/g, '').match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? [];
  return [...new Set(words)];
}

/** prom-client and OpenTelemetry series names a query may use for an emitted metric. */
function seriesOf(name: string, type: string): string[] {
  const base = name.replace(/\./g, '_');
  if (type === 'histogram' || type === 'summary') return [base, `${base}_bucket`, `${base}_sum`, `${base}_count`];
  if (type === 'counter') return base.endsWith('_total') ? [base] : [base, `${base}_total`];
  return [base];
}

export default definePolicy({
  id: 'code/metrics-emitted',
  meta: {
    severity: 'critical',
    checklist: 'critical-4',
    description:
      'Every metric the plan monitors (with `source: code`) is emitted by the code, by ' +
      'name or through the series its query reads',
    rationale:
      'Gates and rollback triggers on a metric the code never emits never fire. ' +
      'prom-client and OpenTelemetry metrics are read from the code with their names ' +
      'resolved through constants and template literals, and a query such as ' +
      '`rate(orders_created_total[5m])` counts as reading `orders_created_total`.',
    messages: {
      notEmitted:
        'The code emits no metric `{{metric}}`{{query}}; emit it, fix the name, or set ' +
        '`source: platform` if something else produces it.',
      unconfirmed: 'Could not confirm that the code emits `{{metric}}`: {{reason}}.',
    },
    needs: ['code'],
    examples: {
      fail:
        "# code: new Counter({ name: 'uploads_total', help: '...' })\nmetrics:\n  - { " +
        "name: upload_success_rate, type: gauge, query: 'rate(upload_total[5m])' }",
      pass:
        "# code: new Counter({ name: 'uploads_total', help: '...', labelNames: " +
        "['outcome'] })\nmetrics:\n  - { name: upload_success_rate, type: gauge, query: " +
        '\'sum(rate(uploads_total{outcome="ok"}[5m])) / sum(rate(uploads_total[5m]))\' }',
    },
  },
  check({ plan, facts, report }) {
    const code = facts.code;
    if (!code || !code.files.length) return;
    const emitted = new Set(code.metrics.flatMap((m) => seriesOf(m.name, m.type)));
    const unsure = incompleteness(code, failuresOf(facts), 'reads');
    (plan.monitoring.metrics ?? []).forEach((metric, i) => {
      if ((metric.source ?? 'code') !== 'code' || isPlaceholder(metric.name)) return;
      if (emitted.has(metric.name.replace(/\./g, '_'))) return;
      const reads = metric.query ? queryMetrics(metric.query).filter((w) => emitted.has(w)) : [];
      if (reads.length) return;
      if (unsure) {
        report({
          messageId: 'unconfirmed',
          data: { metric: metric.name, reason: unsure },
          pointer: `/monitoring/metrics/${i}/name`,
          severity: 'minor',
        });
        return;
      }
      report({
        messageId: 'notEmitted',
        data: {
          metric: metric.name,
          query: metric.query ? ', and its query reads none of the metrics the code emits' : '',
        },
        pointer: `/monitoring/metrics/${i}/name`,
      });
    });
  },
});

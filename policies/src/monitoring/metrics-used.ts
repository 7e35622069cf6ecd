import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'monitoring/metrics-used',
  meta: {
    severity: 'minor',
    checklist: 'minor-3',
    description: 'Every declared metric is used by a rollout gate, a rollback trigger or an alert',
    rationale:
      'A metric that no gate, trigger or alert reads is watched by nobody. Part of a tidy monitoring setup; minor.',
    messages: {
      unused: 'Metric `{{metric}}` is not used by any rollout gate, rollback trigger or alert.',
    },
    examples: {
      fail: 'metrics:\n  - { name: upload_latency, type: histogram }\nalerts: []',
      pass:
        'metrics:\n  - { name: upload_latency, type: histogram }\nalerts:\n  - { name: ' +
        'slow, metric: upload_latency, operator: ">", value: 30, action: alert-team }',
    },
  },
  check({ plan, report }) {
    const used = new Set<string>([
      ...(plan.rollback.triggers ?? []).flatMap((t) => (t.metric ? [t.metric] : [])),
      ...(plan.rollout?.stages ?? []).flatMap((s) => (s.gates ?? []).map((g) => g.metric)),
      ...(plan.monitoring.alerts ?? []).map((a) => a.metric),
    ]);
    (plan.monitoring.metrics ?? []).forEach((m, i) => {
      if (!used.has(m.name))
        report({ messageId: 'unused', data: { metric: m.name }, pointer: `/monitoring/metrics/${i}/name` });
    });
  },
});

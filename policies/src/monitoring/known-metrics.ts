import { definePolicy, didYouMean } from '@deploy-plan/core';

export default definePolicy({
  id: 'monitoring/known-metrics',
  meta: {
    severity: 'critical',
    checklist: 'critical-4',
    description:
      'Every metric named by a rollback trigger, rollout gate, alert or success metric ' +
      'is declared in monitoring.metrics',
    rationale:
      'A stage gate or rollback trigger on a metric nobody monitors never fires: the ' +
      'rollout proceeds and the rollback never starts. Declaring the metric (type, ' +
      'direction, thresholds) is what makes the gate and the trigger real.',
    messages: {
      unknownMetric: 'The {{what}} names the metric `{{metric}}`, which is not declared in `monitoring.metrics`.',
    },
    examples: {
      fail:
        'monitoring:\n  metrics: [{ name: upload_success_rate, type: gauge ' +
        '}]\nrollback:\n  triggers: [{ response: immediate, metric: upload_sucess_rate, ' +
        'level: 1 }]',
      pass:
        'monitoring:\n  metrics: [{ name: upload_success_rate, type: gauge ' +
        '}]\nrollback:\n  triggers: [{ response: immediate, metric: upload_success_rate, ' +
        'level: 1 }]',
    },
  },
  check({ plan, report }) {
    const names = (plan.monitoring.metrics ?? []).map((m) => m.name);
    const known = new Set(names);
    const check = (metric: string | undefined, pointer: string, what: string) => {
      if (metric === undefined || known.has(metric)) return;
      const guess = didYouMean(metric, names);
      report({
        messageId: 'unknownMetric',
        data: { what, metric },
        pointer,
        hint: guess ? `Did you mean \`${guess}\`?` : undefined,
      });
    };
    (plan.rollback.triggers ?? []).forEach((t, i) =>
      check(t.metric, `/rollback/triggers/${i}/metric`, 'rollback trigger'),
    );
    (plan.rollout?.stages ?? []).forEach((s, i) =>
      (s.gates ?? []).forEach((g, j) => check(g.metric, `/rollout/stages/${i}/gates/${j}/metric`, 'rollout gate')),
    );
    (plan.monitoring.alerts ?? []).forEach((a, i) =>
      check(a.metric, `/monitoring/alerts/${i}/metric`, `alert \`${a.name}\``),
    );
    (plan.functionality.verification ?? []).forEach((v, i) =>
      check(v.metric, `/functionality/verification/${i}/metric`, `success metric \`${v.id}\``),
    );
  },
});

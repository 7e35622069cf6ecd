import { definePolicy } from '@deploy-plan/core';
import { flowSteps, presentFlows } from '../util/plan';

export default definePolicy({
  id: 'monitoring/flows-tracked',
  meta: {
    severity: 'critical',
    checklist: 'critical-4',
    description:
      'Every flow is tracked by a functionality metric, and every metric says which flows or flow steps it tracks',
    rationale:
      'The method asks for functionality metrics aligned with flows (upload success ' +
      'rate for the user flow, CRM API success rate for the integration flow), not ' +
      'only generic CPU and memory. A flow no metric tracks can break silently.',
    messages: {
      noMetrics: 'The plan declares no metrics; add functionality metrics that track its flows.',
      untracked: "No metric tracks the `{{flow}}` flow; add it (or one of its step ids) to a metric's `tracks`.",
      tracksNothing:
        'Metric `{{metric}}` does not say which flows it tracks; a metric tied to no flow is a generic metric.',
      unknownTrack: 'Metric `{{metric}}` tracks `{{track}}`, which is neither a flow nor a flow step.',
    },
    examples: {
      fail: 'monitoring:\n  metrics:\n    - { name: cpu_usage, type: gauge }',
      pass: 'monitoring:\n  metrics:\n    - { name: upload_success_rate, type: gauge, tracks: [user, system] }',
    },
  },
  check({ plan, report }) {
    const metrics = plan.monitoring.metrics ?? [];
    if (!metrics.length) {
      report({
        messageId: 'noMetrics',
        pointer: plan.monitoring.metrics ? '/monitoring/metrics' : '/monitoring',
        target: plan.monitoring.metrics ? 'value' : 'key',
      });
      return;
    }
    const stepFlow = new Map(flowSteps(plan).map((s) => [s.step.id, s.flow as string]));
    const flows = new Set<string>(presentFlows(plan));
    const tracked = new Set<string>();
    metrics.forEach((metric, i) => {
      const tracks = metric.tracks ?? [];
      if (!tracks.length)
        report({
          messageId: 'tracksNothing',
          data: { metric: metric.name },
          pointer: `/monitoring/metrics/${i}`,
          target: 'key',
        });
      tracks.forEach((track, j) => {
        if (flows.has(track)) tracked.add(track);
        else if (stepFlow.has(track)) tracked.add(stepFlow.get(track)!);
        else
          report({
            messageId: 'unknownTrack',
            data: { metric: metric.name, track },
            pointer: `/monitoring/metrics/${i}/tracks/${j}`,
          });
      });
    });
    for (const flow of flows) {
      if (!tracked.has(flow))
        report({ messageId: 'untracked', data: { flow }, pointer: `/functionality/flows/${flow}`, target: 'key' });
    }
  },
});

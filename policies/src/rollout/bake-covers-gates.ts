import { definePolicy, formatDuration } from '@deploy-plan/core';
import { ms } from '../util/plan';

export default definePolicy({
  id: 'rollout/bake-covers-gates',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: 'Each stage bakes at least as long as its gates measure: initialDelay + interval × count',
    rationale:
      'An analysis that takes 25 minutes cannot pass judgement on a stage that moves ' +
      'on after 15: the rollout would advance before the gate has finished measuring, ' +
      'exactly the "deployment, not functionality" test the method warns about.',
    messages: {
      noBake: 'Stage {{index}} has gates but no `bake` time; the next stage could start before they measure anything.',
      unmeasured: 'Gate on `{{metric}}` in stage {{index}} does not say how it measures; add `interval` and `count`.',
      tooShort:
        'Stage {{index}} bakes {{bake}}, but its gate on `{{metric}}` needs {{needed}} ' +
        '({{initialDelay}} initial delay + {{interval}} × {{count}}).',
    },
    examples: {
      fail:
        'stages:\n  - weight: 10\n    bake: 15m\n    gates: [{ metric: ' +
        'upload_success_rate, initialDelay: 5m, interval: 1m, count: 20 }]',
      pass:
        'stages:\n  - weight: 10\n    bake: 30m\n    gates: [{ metric: ' +
        'upload_success_rate, initialDelay: 5m, interval: 1m, count: 20 }]',
    },
  },
  check({ plan, report }) {
    (plan.rollout?.stages ?? []).forEach((stage, i) => {
      const gates = stage.gates ?? [];
      if (!gates.length) return;
      const bake = ms(stage.bake);
      if (bake === undefined) {
        report({ messageId: 'noBake', data: { index: i + 1 }, pointer: `/rollout/stages/${i}`, target: 'key' });
      }
      gates.forEach((gate, j) => {
        const at = `/rollout/stages/${i}/gates/${j}`;
        const interval = ms(gate.interval);
        if (interval === undefined || gate.count === undefined) {
          report({ messageId: 'unmeasured', data: { metric: gate.metric, index: i + 1 }, pointer: at, target: 'key' });
          return;
        }
        if (bake === undefined) return;
        const initialDelay = ms(gate.initialDelay) ?? 0;
        const needed = initialDelay + interval * gate.count;
        if (needed > bake) {
          report({
            messageId: 'tooShort',
            data: {
              index: i + 1,
              bake: stage.bake!,
              metric: gate.metric,
              needed: formatDuration(needed),
              initialDelay: gate.initialDelay ?? '0s',
              interval: gate.interval!,
              count: gate.count,
            },
            pointer: `/rollout/stages/${i}/bake`,
            relatedPointers: [
              { pointer: at, message: `the gate on \`${gate.metric}\` measures for ${formatDuration(needed)}` },
            ],
          });
        }
      });
    });
  },
});

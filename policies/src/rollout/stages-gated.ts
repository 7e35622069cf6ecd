import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'rollout/stages-gated',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: 'Every rollout stage has at least one metric gate',
    rationale:
      "A stage without a gate only deploys; the method's stages each monitor " +
      'functionality metrics (success rate > 95%, latency < 30s) and stop the rollout ' +
      'when they fail. The gate is what makes the stage a test.',
    messages: {
      noGates:
        'Stage {{index}} ({{weight}}%) has no gates; add the functionality metrics that ' +
        'must hold before the next stage.',
    },
    examples: {
      fail: 'stages:\n  - { weight: 10, bake: 15m }',
      pass:
        'stages:\n  - { weight: 10, bake: 15m, gates: [{ metric: upload_success_rate, ' +
        'threshold: 95, interval: 1m, count: 10 }] }',
    },
  },
  check({ plan, report }) {
    (plan.rollout?.stages ?? []).forEach((stage, i) => {
      if (!(stage.gates ?? []).length)
        report({
          messageId: 'noGates',
          data: { index: i + 1, weight: stage.weight },
          pointer: `/rollout/stages/${i}`,
          target: 'key',
        });
    });
  },
});

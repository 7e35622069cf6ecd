import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './bake-covers-gates';

const stage = (bake: string, gate: string) => planYaml(`rollout:\n  strategy: canary\n  stages:\n    - weight: 100\n      ${bake}\n      gates:\n        - ${gate}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'exactly covered: 5m + 1m × 10 = 15m', plan: stage('bake: 15m', '{ metric: m, initialDelay: 5m, interval: 1m, count: 10 }') },
    { name: 'no initial delay', plan: stage('bake: 10m', '{ metric: m, interval: 1m, count: 10 }') },
    { name: 'compound durations', plan: stage('bake: 1h30m', '{ metric: m, initialDelay: 30m, interval: 5m, count: 12 }') },
  ],
  invalid: [
    {
      name: 'one second short',
      plan: stage('bake: 14m59s', '{ metric: m, initialDelay: 5m, interval: 1m, count: 10 }'),
      errors: [{ messageId: 'tooShort', pointer: '/rollout/stages/0/bake', line: 5, column: 13, data: { needed: '15m', bake: '14m59s' } }],
    },
    {
      name: 'far too short',
      plan: stage('bake: 15m', '{ metric: m, initialDelay: 5m, interval: 1m, count: 20 }'),
      errors: [{ messageId: 'tooShort', pointer: '/rollout/stages/0/bake', line: 5, column: 13, data: { needed: '25m' } }],
    },
    {
      name: 'no bake, and a gate that does not say how it measures',
      plan: stage('approval: manual', '{ metric: m, threshold: 95 }'),
      errors: [
        { messageId: 'noBake', pointer: '/rollout/stages/0', line: 4, column: 7 },
        { messageId: 'unmeasured', pointer: '/rollout/stages/0/gates/0', line: 7, column: 11 },
      ],
    },
  ],
});

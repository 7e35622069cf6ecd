import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './stages-rise-to-full';

const withStages = (...weights: number[]) => planYaml(`rollout:\n  strategy: canary\n  stages:\n${weights.map((w) => `    - weight: ${w}`).join('\n')}`);

new PolicyTester().run(policy, {
  valid: [
    { name: '10/50/100', plan: withStages(10, 50, 100) },
    { name: 'a single full stage', plan: withStages(100) },
    { name: 'one point apart', plan: withStages(99, 100) },
  ],
  invalid: [
    { name: 'falls back', plan: withStages(10, 5, 100), errors: [{ messageId: 'notRising', pointer: '/rollout/stages/1/weight', line: 5, column: 15, data: { weight: '5', previous: '10' } }] },
    { name: 'stays level (the boundary)', plan: withStages(50, 50, 100), errors: [{ messageId: 'notRising', pointer: '/rollout/stages/1/weight', line: 5, column: 15 }] },
    { name: 'stops short of 100', plan: withStages(10, 50), errors: [{ messageId: 'notFull', pointer: '/rollout/stages/1/weight', line: 5, column: 15, data: { weight: '50' } }] },
  ],
});

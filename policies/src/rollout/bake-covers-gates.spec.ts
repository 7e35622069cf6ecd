import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './bake-covers-gates';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'exactly covered: 5m + 1m × 10 = 15m',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              bake: 15m
              gates:
                - { metric: m, initialDelay: 5m, interval: 1m, count: 10 }
      `),
    },
    {
      name: 'no initial delay',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              bake: 10m
              gates:
                - { metric: m, interval: 1m, count: 10 }
      `),
    },
    {
      name: 'compound durations',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              bake: 1h30m
              gates:
                - { metric: m, initialDelay: 30m, interval: 5m, count: 12 }
      `),
    },
  ],
  invalid: [
    {
      name: 'one second short',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              bake: 14m59s
              gates:
                - { metric: m, initialDelay: 5m, interval: 1m, count: 10 }
      `),
      errors: [
        {
          messageId: 'tooShort',
          pointer: '/rollout/stages/0/bake',
          line: 5,
          column: 13,
          data: { needed: '15m', bake: '14m59s' },
        },
      ],
    },
    {
      name: 'far too short',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              bake: 15m
              gates:
                - { metric: m, initialDelay: 5m, interval: 1m, count: 20 }
      `),
      errors: [
        { messageId: 'tooShort', pointer: '/rollout/stages/0/bake', line: 5, column: 13, data: { needed: '25m' } },
      ],
    },
    {
      name: 'no bake, and a gate that does not say how it measures',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
              approval: manual
              gates:
                - { metric: m, threshold: 95 }
      `),
      errors: [
        { messageId: 'noBake', pointer: '/rollout/stages/0', line: 4, column: 7 },
        { messageId: 'unmeasured', pointer: '/rollout/stages/0/gates/0', line: 7, column: 11 },
      ],
    },
  ],
});

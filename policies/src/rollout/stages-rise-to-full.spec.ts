import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './stages-rise-to-full';

new PolicyTester().run(policy, {
  valid: [
    {
      name: '10/50/100',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 10
            - weight: 50
            - weight: 100
      `),
    },
    {
      name: 'a single full stage',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 100
      `),
    },
    {
      name: 'one point apart',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 99
            - weight: 100
      `),
    },
  ],
  invalid: [
    {
      name: 'falls back',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 10
            - weight: 5
            - weight: 100
      `),
      errors: [
        {
          messageId: 'notRising',
          pointer: '/rollout/stages/1/weight',
          line: 5,
          column: 15,
          data: { weight: '5', previous: '10' },
        },
      ],
    },
    {
      name: 'stays level (the boundary)',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 50
            - weight: 50
            - weight: 100
      `),
      errors: [{ messageId: 'notRising', pointer: '/rollout/stages/1/weight', line: 5, column: 15 }],
    },
    {
      name: 'stops short of 100',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - weight: 10
            - weight: 50
      `),
      errors: [
        { messageId: 'notFull', pointer: '/rollout/stages/1/weight', line: 5, column: 15, data: { weight: '50' } },
      ],
    },
  ],
});

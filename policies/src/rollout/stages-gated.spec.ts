import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './stages-gated';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'every stage gated',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - { weight: 10, gates: [{ metric: m }] }
            - { weight: 100, gates: [{ metric: m }, { metric: n }] }
      `),
    },
    { name: 'no stages (rollout/staged asks for them)', plan: planYaml('rollout: { strategy: canary }') },
  ],
  invalid: [
    {
      name: 'the last stage ungated',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - { weight: 10, gates: [{ metric: m }] }
            - { weight: 100 }
      `),
      errors: [{ messageId: 'noGates', pointer: '/rollout/stages/1', line: 5, column: 7, data: { index: '2' } }],
    },
    {
      name: 'an empty gate list',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [] }
      `),
      errors: [{ messageId: 'noGates', pointer: '/rollout/stages/0', line: 4, column: 7 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './trigger-tiers';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'all three tiers',
      plan: planYaml(`
        rollback:
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
            - { response: evaluate, within: 15m, metric: m }
            - { response: monitor, signal: user-reports }
      `),
    },
    { name: 'no triggers yet (another policy asks for them)', plan: planYaml('rollback: {}') },
  ],
  invalid: [
    {
      name: 'immediate only',
      plan: planYaml(`
        rollback:
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
      `),
      errors: [
        { messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'evaluate' } },
        { messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'monitor' } },
      ],
    },
    {
      name: 'no monitor tier',
      plan: planYaml(`
        rollback:
          triggers:
            - { response: immediate, signal: data-loss, level: 3 }
            - { response: evaluate, within: 15m, metric: m }
      `),
      errors: [
        { messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'monitor' } },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './trigger-tiers';

const triggers = (list: string) => planYaml(`rollback:\n  triggers:\n${list}`);
const IMMEDIATE = '    - { response: immediate, signal: data-loss, level: 3 }';
const EVALUATE = '    - { response: evaluate, within: 15m, metric: m }';
const MONITOR = '    - { response: monitor, signal: user-reports }';

new PolicyTester().run(policy, {
  valid: [
    { name: 'all three tiers', plan: triggers([IMMEDIATE, EVALUATE, MONITOR].join('\n')) },
    { name: 'no triggers yet (another policy asks for them)', plan: planYaml('rollback: {}') },
  ],
  invalid: [
    {
      name: 'immediate only',
      plan: triggers(IMMEDIATE),
      errors: [
        { messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'evaluate' } },
        { messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'monitor' } },
      ],
    },
    { name: 'no monitor tier', plan: triggers([IMMEDIATE, EVALUATE].join('\n')), errors: [{ messageId: 'missingTier', pointer: '/rollback/triggers', line: 3, column: 5, data: { response: 'monitor' } }] },
  ],
});

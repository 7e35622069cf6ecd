import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './levels-complete';

const level = (body: string) => planYaml(`rollback:\n  levels:\n    - level: 3\n      kind: code\n${body}`);
const FULL = '      useWhen: Code breaks uploads\n      actions: [git revert abc1234]\n      verification:\n        - { command: npm test, expect: All tests pass }';

new PolicyTester().run(policy, {
  valid: [
    { name: 'use-when, actions and verification', plan: level(FULL) },
    { name: 'several verifications', plan: level(`${FULL}\n        - { command: curl -f https://x, expect: 200 }`) },
  ],
  invalid: [
    {
      name: 'an empty level',
      plan: level(''),
      errors: [
        { messageId: 'noUseWhen', pointer: '/rollback/levels/0', line: 3, column: 7 },
        { messageId: 'noActions', pointer: '/rollback/levels/0', line: 3, column: 7 },
        { messageId: 'noVerification', pointer: '/rollback/levels/0', line: 3, column: 7 },
      ],
    },
    {
      name: 'placeholder actions and a verification without expectation',
      plan: level('      useWhen: Code breaks\n      actions: [TODO]\n      verification: [{ command: npm test }]'),
      errors: [
        { messageId: 'noActions', pointer: '/rollback/levels/0/actions', line: 6, column: 16 },
        { messageId: 'noExpect', pointer: '/rollback/levels/0/verification/0', line: 7, column: 22 },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './levels-complete';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'use-when, actions and verification',
      plan: planYaml(`
        rollback:
          levels:
            - level: 3
              kind: code
              useWhen: Code breaks uploads
              actions: [git revert abc1234]
              verification:
                - { command: npm test, expect: All tests pass }
      `),
    },
    {
      name: 'several verifications',
      plan: planYaml(`
        rollback:
          levels:
            - level: 3
              kind: code
              useWhen: Code breaks uploads
              actions: [git revert abc1234]
              verification:
                - { command: npm test, expect: All tests pass }
                - { command: curl -f https://x, expect: 200 }
      `),
    },
  ],
  invalid: [
    {
      name: 'an empty level',
      plan: planYaml(`
        rollback:
          levels:
            - level: 3
              kind: code
      `),
      errors: [
        { messageId: 'noUseWhen', pointer: '/rollback/levels/0', line: 3, column: 7 },
        { messageId: 'noActions', pointer: '/rollback/levels/0', line: 3, column: 7 },
        { messageId: 'noVerification', pointer: '/rollback/levels/0', line: 3, column: 7 },
      ],
    },
    {
      name: 'placeholder actions and a verification without expectation',
      plan: planYaml(`
        rollback:
          levels:
            - level: 3
              kind: code
              useWhen: Code breaks
              actions: [TODO]
              verification: [{ command: npm test }]
      `),
      errors: [
        { messageId: 'noActions', pointer: '/rollback/levels/0/actions', line: 6, column: 16 },
        { messageId: 'noExpect', pointer: '/rollback/levels/0/verification/0', line: 7, column: 22 },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './steps-verified';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'commands, verify and expect',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: a
              commands: [npm run deploy]
              verify: { command: curl -f https://x/health, expect: 200 OK }
      `),
    },
    {
      name: 'a bare status code counts as an expectation',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: a, commands: [make], verify: { command: curl -f https://x, expect: 200 } }
      `),
    },
  ],
  invalid: [
    {
      name: 'no verify at all',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: a
              commands: [npm run deploy]
      `),
      errors: [{ messageId: 'noVerify', pointer: '/deployment/steps/0', line: 4, column: 7 }],
    },
    {
      name: 'verify without an expected result',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: a
              commands: [npm run deploy]
              verify:
                command: curl -f https://x
      `),
      errors: [{ messageId: 'noExpect', pointer: '/deployment/steps/0/verify', line: 6, column: 7 }],
    },
    {
      name: 'placeholders instead of commands and expectation',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: a
              commands: [TODO]
              verify: { command: curl -f https://x, expect: TBD }
      `),
      errors: [
        { messageId: 'noCommands', pointer: '/deployment/steps/0/commands', line: 5, column: 17 },
        { messageId: 'noExpect', pointer: '/deployment/steps/0/verify', line: 6, column: 7 },
      ],
    },
  ],
});

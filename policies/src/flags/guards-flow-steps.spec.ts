import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './guards-flow-steps';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'guards a flow step',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            user: [{ id: select-file, description: User picks a file }]
        featureFlags:
          - { key: upload, provider: env, env: X, guards: [select-file] }
      `),
    },
    { name: 'no flags', plan: planYaml('featureFlags: []') },
  ],
  invalid: [
    {
      name: 'guards nothing',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            user: [{ id: select-file, description: User picks a file }]
        featureFlags:
          - { key: upload, provider: env, env: X }
      `),
      errors: [{ messageId: 'guardsNothing', pointer: '/featureFlags/0', line: 6, column: 5 }],
    },
    {
      name: 'guards an unknown step',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            user: [{ id: select-file, description: User picks a file }]
        featureFlags:
          - { key: upload, provider: env, env: X, guards: [pick-file] }
      `),
      errors: [{ messageId: 'unknownStep', pointer: '/featureFlags/0/guards/0', line: 6, column: 52 }],
    },
  ],
});

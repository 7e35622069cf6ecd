import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './provider-wiring';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'env flag with a declared variable',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: env, env: UPLOAD_ENABLED }
        env: [{ name: UPLOAD_ENABLED, description: x }]
      `),
    },
    {
      name: 'an SDK flag needs no variable',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: openfeature }
      `),
    },
  ],
  invalid: [
    {
      name: 'env flag without a variable',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: env }
        env: [{ name: UPLOAD_ENABLED, description: x }]
      `),
      errors: [{ messageId: 'noEnvVar', pointer: '/featureFlags/0', line: 2, column: 5 }],
    },
    {
      name: 'the variable is not declared',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: env, env: UPLOAD_ON }
        env: [{ name: UPLOAD_ENABLED, description: x }]
      `),
      errors: [{ messageId: 'envNotDeclared', pointer: '/featureFlags/0/env', line: 2, column: 40 }],
    },
    {
      name: 'a variable on an SDK flag',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: unleash, env: UPLOAD_ENABLED }
        env: [{ name: UPLOAD_ENABLED, description: x }]
      `),
      errors: [{ messageId: 'envWithoutProvider', pointer: '/featureFlags/0/env', line: 2, column: 44 }],
    },
  ],
});

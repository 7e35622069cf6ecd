import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './safe-default';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'defaults to false',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: launchdarkly, default: false }
      `),
    },
    {
      name: 'a multivariate flag with a string default',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: launchdarkly, default: control }
      `),
    },
  ],
  invalid: [
    {
      name: 'no default',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: launchdarkly }
      `),
      errors: [{ messageId: 'noDefault', pointer: '/featureFlags/0', line: 2, column: 5 }],
    },
    {
      name: 'defaults to true',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: launchdarkly, default: true }
      `),
      errors: [{ messageId: 'defaultOn', pointer: '/featureFlags/0/default', line: 2, column: 53 }],
    },
  ],
});

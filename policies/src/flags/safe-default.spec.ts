import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './safe-default';

const flag = (fields: string) => planYaml(`featureFlags:\n  - { key: upload, provider: launchdarkly${fields} }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'defaults to false', plan: flag(', default: false') },
    { name: 'a multivariate flag with a string default', plan: flag(', default: control') },
  ],
  invalid: [
    { name: 'no default', plan: flag(''), errors: [{ messageId: 'noDefault', pointer: '/featureFlags/0', line: 2, column: 5 }] },
    { name: 'defaults to true', plan: flag(', default: true'), errors: [{ messageId: 'defaultOn', pointer: '/featureFlags/0/default', line: 2, column: 53 }] },
  ],
});

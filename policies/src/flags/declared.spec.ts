import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './declared';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'an api with a flag',
      plan: planYaml('featureFlags: [{ key: upload, provider: unleash, default: false }]'),
    },
    { name: 'a database package needs none', plan: planYaml('', { codeTypes: ['database'] }) },
  ],
  invalid: [
    {
      name: 'an api without flags',
      plan: planYaml('codeTypes: [api]'),
      errors: [{ messageId: 'none', pointer: '/codeTypes', line: 1, column: 1 }],
    },
    {
      name: 'a worker with an empty list',
      plan: planYaml('featureFlags: []', { codeTypes: ['background-job'] }),
      errors: [{ messageId: 'none', pointer: '/featureFlags', line: 1, column: 15 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './ownership';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'owner and removal date',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: unleash, owner: team-files, removeBy: "2027-01-31" }
      `),
    },
    { name: 'no flags', plan: planYaml('featureFlags: []') },
  ],
  invalid: [
    {
      name: 'neither',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: unleash }
      `),
      errors: [
        { messageId: 'noOwner', pointer: '/featureFlags/0', line: 2, column: 5 },
        { messageId: 'noRemoveBy', pointer: '/featureFlags/0', line: 2, column: 5 },
      ],
    },
    {
      name: 'no removal date',
      plan: planYaml(`
        featureFlags:
          - { key: upload, provider: unleash, owner: team-files }
      `),
      errors: [{ messageId: 'noRemoveBy', pointer: '/featureFlags/0', line: 2, column: 5 }],
    },
  ],
});

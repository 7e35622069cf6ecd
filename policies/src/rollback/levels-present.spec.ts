import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './levels-present';

const FLAG = 'featureFlags: [{ key: upload, provider: env, env: UPLOAD_ENABLED, default: false }]';
const ENV = 'env: [{ name: CRM_URL, description: CRM base URL }]';
const levels = (list: string, extra = '') => planYaml(`${extra}\nrollback:\n  levels:\n${list}`);
const L1 = '    - { level: 1, kind: feature-flag }';
const L2 = '    - { level: 2, kind: configuration }';
const L3 = '    - { level: 3, kind: code }';

new PolicyTester().run(policy, {
  valid: [
    { name: 'code only, when there are no flags or env', plan: levels(L3) },
    { name: 'all three with flags and env', plan: levels([L1, L2, L3].join('\n'), `${FLAG}\n${ENV}`) },
  ],
  invalid: [
    { name: 'no levels at all', plan: planYaml('rollback: {}'), errors: [{ messageId: 'noLevels', pointer: '/rollback', line: 1, column: 1 }] },
    {
      name: 'flags declared but no flag level',
      plan: levels(L3, FLAG),
      errors: [{ messageId: 'missing', pointer: '/rollback/levels', line: 4, column: 5, data: { level: '1' } }],
    },
    {
      name: 'env declared but no configuration level, and no code level',
      plan: levels(L1, `${FLAG}\n${ENV}`),
      errors: [
        { messageId: 'missing', pointer: '/rollback/levels', line: 5, column: 5, data: { level: '2' } },
        { messageId: 'missing', pointer: '/rollback/levels', line: 5, column: 5, data: { level: '3' } },
      ],
    },
    {
      name: 'a level with the wrong kind, and a duplicate',
      plan: levels(`${L3}\n    - { level: 3, kind: configuration }`),
      errors: [
        { messageId: 'duplicate', pointer: '/rollback/levels/1/level', line: 4, column: 16 },
        { messageId: 'kindMismatch', pointer: '/rollback/levels/1/kind', line: 4, column: 25 },
      ],
    },
  ],
});

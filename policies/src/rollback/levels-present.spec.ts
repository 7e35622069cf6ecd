import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './levels-present';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'code only, when there are no flags or env',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 3, kind: code }
      `),
    },
    {
      name: 'all three with flags and env',
      plan: planYaml(`
        featureFlags: [{ key: upload, provider: env, env: UPLOAD_ENABLED, default: false }]
        env: [{ name: CRM_URL, description: CRM base URL }]
        rollback:
          levels:
            - { level: 1, kind: feature-flag }
            - { level: 2, kind: configuration }
            - { level: 3, kind: code }
      `),
    },
  ],
  invalid: [
    {
      name: 'no levels at all',
      plan: planYaml('rollback: {}'),
      errors: [{ messageId: 'noLevels', pointer: '/rollback', line: 1, column: 1 }],
    },
    {
      name: 'flags declared but no flag level',
      plan: planYaml(`
        featureFlags: [{ key: upload, provider: env, env: UPLOAD_ENABLED, default: false }]
        rollback:
          levels:
            - { level: 3, kind: code }
      `),
      errors: [{ messageId: 'missing', pointer: '/rollback/levels', line: 4, column: 5, data: { level: '1' } }],
    },
    {
      name: 'env declared but no configuration level, and no code level',
      plan: planYaml(`
        featureFlags: [{ key: upload, provider: env, env: UPLOAD_ENABLED, default: false }]
        env: [{ name: CRM_URL, description: CRM base URL }]
        rollback:
          levels:
            - { level: 1, kind: feature-flag }
      `),
      errors: [
        { messageId: 'missing', pointer: '/rollback/levels', line: 5, column: 5, data: { level: '2' } },
        { messageId: 'missing', pointer: '/rollback/levels', line: 5, column: 5, data: { level: '3' } },
      ],
    },
    {
      name: 'a level with the wrong kind, and a duplicate',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 3, kind: code }
            - { level: 3, kind: configuration }
      `),
      errors: [
        { messageId: 'duplicate', pointer: '/rollback/levels/1/level', line: 4, column: 16 },
        { messageId: 'kindMismatch', pointer: '/rollback/levels/1/kind', line: 4, column: 25 },
      ],
    },
  ],
});

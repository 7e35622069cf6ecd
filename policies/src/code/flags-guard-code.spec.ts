import { type FlagFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './flags-guard-code';

const read = (key: string, guard: FlagFact['guard'], extra: Partial<FlagFact> = {}): FlagFact => ({
  key,
  provider: 'openfeature',
  guard,
  file: 'apps/demo/src/upload.ts',
  line: 7,
  column: 9,
  ...extra,
});
const flags = planYaml(`
  featureFlags:
    - { key: file-upload, provider: openfeature, default: false }
    - { key: uploads-env, provider: env, env: FILE_UPLOAD_ENABLED, default: false }
`);

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'both flags guard code',
      plan: flags,
      facts: {
        code: codeFacts({
          flags: [
            read('file-upload', 'guards'),
            read('FILE_UPLOAD_ENABLED', 'guards', { provider: 'env', env: 'FILE_UPLOAD_ENABLED' }),
          ],
        }),
      },
    },
    {
      name: 'one guarding read among logged ones is enough',
      plan: flags,
      facts: {
        code: codeFacts({
          flags: [
            read('file-upload', 'read-only'),
            read('file-upload', 'guards', { line: 20 }),
            read('FILE_UPLOAD_ENABLED', 'guards', { provider: 'env', env: 'FILE_UPLOAD_ENABLED' }),
          ],
        }),
      },
    },
    {
      name: 'a project without TypeScript or JavaScript is not judged',
      plan: flags,
      facts: { code: codeFacts({ files: [] }) },
    },
  ],
  invalid: [
    {
      name: 'a flag only logged, and an env flag never read',
      plan: flags,
      facts: { code: codeFacts({ flags: [read('file-upload', 'read-only')] }) },
      errors: [
        {
          messageId: 'notRead',
          pointer: '/featureFlags/1/key',
          file: 'apps/demo/deploy-plan.yaml',
          line: 3,
          column: 12,
          data: { key: 'uploads-env' },
        },
        {
          messageId: 'neverGuards',
          pointer: '/featureFlags/0/key',
          file: 'apps/demo/src/upload.ts',
          line: 7,
          column: 9,
        },
      ],
    },
    {
      name: 'an env flag read under another variable does not count',
      plan: planYaml(`
        featureFlags:
          - { key: uploads, provider: env, env: FILE_UPLOAD_ENABLED, default: false }
      `),
      facts: { code: codeFacts({ flags: [read('UPLOADS_ON', 'guards', { provider: 'env', env: 'UPLOADS_ON' })] }) },
      errors: [{ messageId: 'notRead', pointer: '/featureFlags/0/key', line: 2, column: 12 }],
    },
    {
      name: 'a file that could not be inspected: could not confirm the read, at minor severity',
      plan: planYaml(`
        featureFlags:
          - { key: uploads, provider: env, env: FILE_UPLOAD_ENABLED, default: false }
      `),
      facts: { code: codeFacts({ unknowns: { routeSites: [], omittedFiles: 12 } }) },
      errors: [
        {
          messageId: 'unconfirmed',
          pointer: '/featureFlags/0/key',
          line: 2,
          column: 12,
          severity: 'minor',
          data: { reason: '12 source files were left out (over the file cap)' },
        },
      ],
    },
  ],
});

import { type EnvFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './env-matches';

const env = (name: string, line = 3): EnvFact => ({ name, file: 'apps/demo/src/config.ts', line, column: 14 });
const plan = planYaml(`
  env:
    - { name: DATABASE_URL, description: db }
    - { name: CRM_URL, description: crm }
`);

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'read and declared match',
      plan,
      facts: { code: codeFacts({ env: [env('DATABASE_URL'), env('CRM_URL', 4), env('NODE_ENV', 5)] }) },
    },
    {
      name: 'platform variables are ignored by pattern',
      plan,
      facts: {
        code: codeFacts({ env: [env('DATABASE_URL'), env('CRM_URL'), env('VERCEL_URL'), env('npm_package_version')] }),
      },
    },
    {
      name: 'extra ignores from options',
      plan,
      options: { ignore: ['LOG_LEVEL'] },
      facts: { code: codeFacts({ env: [env('DATABASE_URL'), env('CRM_URL'), env('LOG_LEVEL')] }) },
    },
  ],
  invalid: [
    {
      name: 'read but not declared',
      plan,
      facts: { code: codeFacts({ env: [env('DATABASE_URL'), env('CRM_URL'), env('REDIS_URL', 9)] }) },
      errors: [
        {
          messageId: 'undeclared',
          pointer: '/env',
          file: 'apps/demo/src/config.ts',
          line: 9,
          column: 14,
          data: { name: 'REDIS_URL' },
        },
      ],
    },
    {
      name: 'declared but never read',
      plan,
      facts: { code: codeFacts({ env: [env('DATABASE_URL')] }) },
      errors: [
        {
          messageId: 'unread',
          pointer: '/env/1/name',
          file: 'apps/demo/deploy-plan.yaml',
          line: 3,
          column: 13,
          data: { name: 'CRM_URL' },
        },
      ],
    },
    {
      name: 'declared, not seen, in a project with a file that could not be inspected: could not confirm',
      plan,
      facts: {
        code: codeFacts({
          env: [env('DATABASE_URL')],
          failures: [{ file: 'apps/demo/src/x.ts', line: 2, column: 3, message: 'boom' }],
        }),
      },
      errors: [
        {
          messageId: 'unconfirmed',
          pointer: '/env/1/name',
          line: 3,
          column: 13,
          severity: 'minor',
          data: { name: 'CRM_URL' },
        },
      ],
    },
  ],
});

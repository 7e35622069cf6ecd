import { type FlagFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './undeclared-flags';

const read = (key: string, extra: Partial<FlagFact> = {}): FlagFact => ({
  key,
  provider: 'launchdarkly',
  guard: 'guards',
  file: 'apps/demo/src/export.ts',
  line: 4,
  column: 3,
  ...extra,
});
const declared = planYaml(`
  featureFlags:
    - { key: bulk-export, provider: launchdarkly, default: false }
    - { key: reports, provider: env, env: REPORTS_ENABLED, default: false }
`);

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'every read is declared (env flags by variable)',
      plan: declared,
      facts: {
        code: codeFacts({
          flags: [read('bulk-export'), read('REPORTS_ENABLED', { provider: 'env', env: 'REPORTS_ENABLED' })],
        }),
      },
    },
    { name: 'no reads', plan: declared, facts: { code: codeFacts() } },
    {
      name: 'a flag only passed on (to the client, a log) decides nothing here: not a switch of this code',
      plan: declared,
      facts: {
        code: codeFacts({
          flags: [read('DISABLE_UPDATES', { provider: 'env', env: 'DISABLE_UPDATES', guard: 'read-only' })],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'an SDK flag the plan does not know, reported once',
      plan: declared,
      facts: {
        code: codeFacts({
          flags: [
            read('archive-orders', { provider: 'unleash', guard: 'read-only' }),
            read('archive-orders', { provider: 'unleash', line: 30 }),
          ],
        }),
      },
      errors: [
        {
          messageId: 'undeclared',
          pointer: '/featureFlags',
          file: 'apps/demo/src/export.ts',
          line: 4,
          column: 3,
          data: { key: 'archive-orders', provider: 'unleash' },
        },
      ],
    },
    {
      name: 'an env flag in a plan without flags',
      plan: planYaml(''),
      facts: { code: codeFacts({ flags: [read('SEARCH_V2_ENABLED', { provider: 'env', env: 'SEARCH_V2_ENABLED' })] }) },
      errors: [{ messageId: 'undeclared', pointer: '', line: 4, column: 3 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './staged';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a canary with stages',
      plan: planYaml(`
        rollout:
          strategy: canary
          stages: [{ weight: 10 }, { weight: 100 }]
      `),
    },
    {
      name: 'a database may go all at once',
      plan: planYaml('rollout: { strategy: all-at-once }', { codeTypes: ['database'] }),
    },
    { name: 'a cli needs no rollout', plan: planYaml('', { codeTypes: ['cli'] }) },
  ],
  invalid: [
    {
      name: 'no rollout for an api',
      plan: planYaml('codeTypes: [api]'),
      errors: [{ messageId: 'missing', pointer: '/codeTypes', line: 1, column: 1 }],
    },
    {
      name: 'all at once for a ui',
      plan: planYaml('rollout: { strategy: all-at-once }', { codeTypes: ['ui'] }),
      errors: [{ messageId: 'allAtOnce', pointer: '/rollout/strategy', line: 1, column: 22 }],
    },
    {
      name: 'a canary without stages',
      plan: planYaml(`
        rollout:
          strategy: canary
      `),
      errors: [{ messageId: 'noStages', pointer: '/rollout', line: 1, column: 1, data: { strategy: 'canary' } }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import type { FlagDefinitionFact, InfrastructureFacts } from '@deploy-plan/core';
import { fileFacts, infrastructureFacts } from '../util/testing';
import policy from './definitions-match';

const FLAGS = 'apps/demo/flags.flagd.json';
const plan = planYaml(`
  featureFlags:
    - { key: express-checkout, provider: openfeature, default: false, guards: [s] }
`);
const flag = (key: string, defaultValue: unknown, line: number): FlagDefinitionFact => ({
  key,
  provider: 'flagd',
  defaultVariant: defaultValue === true ? 'on' : 'off',
  defaultValue,
  enabled: true,
  file: FLAGS,
  line,
});
const facts = (flags: FlagDefinitionFact[], more: Partial<InfrastructureFacts> = {}) => ({
  files: fileFacts({
    infrastructure: infrastructureFacts({ flags, ...more }),
  }),
});

new PolicyTester().run(policy, {
  valid: [
    { name: 'the flag is served, off by default', plan, facts: facts([flag('express-checkout', false, 3)]) },
    {
      name: 'variants that are not booleans are not compared',
      plan,
      facts: facts([flag('express-checkout', 'v1', 3)]),
    },
    { name: 'no flag definitions in the project', plan, facts: { files: fileFacts() } },
  ],
  invalid: [
    {
      name: 'the flag is not served',
      plan,
      facts: facts([flag('express-checkout-v2', false, 3)]),
      errors: [
        { messageId: 'notDefined', pointer: '/featureFlags/0/key', line: 2, column: 12 },
        { messageId: 'notPlanned', pointer: '/featureFlags', file: FLAGS, line: 3, column: 1 },
      ],
    },
    {
      name: 'its default variant is on',
      plan,
      facts: facts([flag('express-checkout', true, 3)]),
      errors: [
        {
          messageId: 'otherDefault',
          pointer: '/featureFlags/0/default',
          file: FLAGS,
          line: 3,
          column: 1,
          data: { found: 'true', expected: 'false', variant: 'on' },
        },
      ],
    },
    {
      name: 'a ConfigMap of flags that is a Helm template',
      plan,
      facts: facts([], {
        notUnderstood: [{ file: 'apps/demo/k8s/flags.yaml', line: 7, reason: 'a template', about: 'flags' }],
      }),
      errors: [
        { messageId: 'notUnderstood', pointer: '/featureFlags', file: 'apps/demo/k8s/flags.yaml', line: 7, column: 1 },
      ],
    },
  ],
});

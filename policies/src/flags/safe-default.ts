import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'flags/safe-default',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: 'Every flag declares the value used when it cannot be read, and a boolean flag defaults to off',
    rationale:
      'When the flag provider is unreachable, the SDK returns the default. A default ' +
      'of "on" ships unfinished functionality to everyone the moment the provider ' +
      'hiccups, and makes the kill switch useless when it is needed most.',
    messages: {
      noDefault: 'Flag `{{key}}` does not say what it reads as when the provider cannot be reached; add `default`.',
      defaultOn:
        'Flag `{{key}}` defaults to `true`: if the provider is unreachable the new ' +
        'functionality turns on for everyone. Default to `false`.',
    },
    examples: {
      fail: 'featureFlags:\n  - { key: file-upload, provider: launchdarkly, default: true }',
      pass: 'featureFlags:\n  - { key: file-upload, provider: launchdarkly, default: false }',
    },
  },
  check({ plan, report }) {
    (plan.featureFlags ?? []).forEach((flag, i) => {
      if (flag.default === undefined)
        report({ messageId: 'noDefault', data: { key: flag.key }, pointer: `/featureFlags/${i}`, target: 'key' });
      else if (flag.default === true)
        report({ messageId: 'defaultOn', data: { key: flag.key }, pointer: `/featureFlags/${i}/default` });
    });
  },
});

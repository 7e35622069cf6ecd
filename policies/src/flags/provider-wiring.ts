import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'flags/provider-wiring',
  meta: {
    severity: 'important',
    checklist: ['important-2', 'important-3'],
    description: 'An environment-variable flag names its variable, and that variable is declared in env',
    rationale:
      "The method's level-1 rollback flips `FILE_UPLOAD_ENABLED=false`. For that to be " +
      'a plan rather than a hope, the flag must say which variable it is, and the ' +
      'variable must be among the configuration the deployment sets.',
    messages: {
      noEnvVar: 'Flag `{{key}}` is read from the environment but does not name the variable; add `env`.',
      envNotDeclared: 'Flag `{{key}}` is read from `{{env}}`, which is not declared in `env`.',
      envWithoutProvider:
        'Flag `{{key}}` names the variable `{{env}}` but its provider is `{{provider}}`; ' +
        'use `provider: env` or remove `env`.',
    },
    examples: {
      fail: 'featureFlags:\n  - { key: file-upload, provider: env, default: false }',
      pass:
        'featureFlags:\n  - { key: file-upload, provider: env, env: FILE_UPLOAD_ENABLED, ' +
        'default: false }\nenv:\n  - { name: FILE_UPLOAD_ENABLED, description: Turns ' +
        'uploads on }',
    },
  },
  check({ plan, report }) {
    const declared = new Set((plan.env ?? []).map((e) => e.name));
    (plan.featureFlags ?? []).forEach((flag, i) => {
      const at = `/featureFlags/${i}`;
      if (flag.provider === 'env') {
        if (!flag.env) report({ messageId: 'noEnvVar', data: { key: flag.key }, pointer: at, target: 'key' });
        else if (!declared.has(flag.env))
          report({ messageId: 'envNotDeclared', data: { key: flag.key, env: flag.env }, pointer: `${at}/env` });
      } else if (flag.env) {
        report({
          messageId: 'envWithoutProvider',
          data: { key: flag.key, env: flag.env, provider: flag.provider },
          pointer: `${at}/env`,
        });
      }
    });
  },
});

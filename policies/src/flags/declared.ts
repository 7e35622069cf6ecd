import { definePolicy } from '@deploy-plan/core';
import { isService } from '../util/plan';

export default definePolicy({
  id: 'flags/declared',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: 'Code that runs as a service declares a feature flag that can switch the new functionality off',
    rationale:
      'The second important item: feature flags let you disable functionality when it ' +
      'breaks, in minutes and without a deploy (rollback level 1). Without one, the ' +
      'fastest rollback is a code rollback.',
    messages: {
      none: 'The plan declares no feature flag; add one that can switch the new functionality off (rollback level 1).',
    },
    examples: {
      fail: 'codeTypes: [api]\nfeatureFlags: []',
      pass:
        'codeTypes: [api]\nfeatureFlags:\n  - { key: file-upload, provider: env, env: ' +
        'FILE_UPLOAD_ENABLED, default: false, guards: [upload-receive] }',
    },
  },
  check({ plan, report }) {
    if (!isService(plan) || (plan.featureFlags ?? []).length) return;
    report({
      messageId: 'none',
      pointer: plan.featureFlags ? '/featureFlags' : '/codeTypes',
      target: plan.featureFlags ? 'value' : 'key',
    });
  },
});

import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'flags/ownership',
  meta: {
    severity: 'minor',
    checklist: 'minor-2',
    description: 'Every flag has an owner and a date by which it is removed',
    rationale:
      'Flags that outlive their rollout become permanent, untested branches. An owner ' +
      'and a removal date keep the kill switch tidy. Minor.',
    messages: {
      noOwner: 'Flag `{{key}}` has no owner; say who decides when to turn it off and remove it.',
      noRemoveBy: 'Flag `{{key}}` has no `removeBy` date.',
    },
    examples: {
      fail: 'featureFlags:\n  - { key: file-upload, provider: env, env: FILE_UPLOAD_ENABLED, default: false }',
      pass:
        'featureFlags:\n  - { key: file-upload, provider: env, env: FILE_UPLOAD_ENABLED, ' +
        'default: false, owner: team-files, removeBy: "2027-06-30" }',
    },
  },
  check({ plan, report }) {
    (plan.featureFlags ?? []).forEach((flag, i) => {
      if (!flag.owner)
        report({ messageId: 'noOwner', data: { key: flag.key }, pointer: `/featureFlags/${i}`, target: 'key' });
      if (!flag.removeBy)
        report({ messageId: 'noRemoveBy', data: { key: flag.key }, pointer: `/featureFlags/${i}`, target: 'key' });
    });
  },
});

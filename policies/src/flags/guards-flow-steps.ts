import { definePolicy } from '@deploy-plan/core';
import { flowStepIds } from '../util/plan';

export default definePolicy({
  id: 'flags/guards-flow-steps',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: 'Every flag says which flow steps it switches off, and they exist',
    rationale:
      'A flag supports the functionality only if turning it off disables the part that ' +
      'broke. Naming the guarded flow steps says what level 1 of the rollback actually ' +
      'does; the code inspection then checks that the flag really guards code.',
    messages: {
      guardsNothing: 'Flag `{{key}}` does not say what it switches off; list the flow steps it guards in `guards`.',
      unknownStep: 'Flag `{{key}}` guards `{{id}}`, which is not a flow step.',
    },
    examples: {
      fail: 'featureFlags:\n  - { key: file-upload, provider: env, env: FILE_UPLOAD_ENABLED, default: false }',
      pass:
        'featureFlags:\n  - { key: file-upload, provider: env, env: FILE_UPLOAD_ENABLED, ' +
        'default: false, guards: [user-select-file] }',
    },
  },
  check({ plan, report }) {
    const ids = flowStepIds(plan);
    (plan.featureFlags ?? []).forEach((flag, i) => {
      const guards = flag.guards ?? [];
      if (!guards.length)
        report({ messageId: 'guardsNothing', data: { key: flag.key }, pointer: `/featureFlags/${i}`, target: 'key' });
      guards.forEach((id, j) => {
        if (!ids.has(id))
          report({ messageId: 'unknownStep', data: { key: flag.key, id }, pointer: `/featureFlags/${i}/guards/${j}` });
      });
    });
  },
});

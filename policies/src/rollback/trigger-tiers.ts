import { definePolicy } from '@deploy-plan/core';

const TIERS = {
  evaluate: 'evaluate within a time (functionality degraded)',
  monitor: 'monitor only (works, but suboptimal)',
} as const;

export default definePolicy({
  id: 'rollback/trigger-tiers',
  meta: {
    severity: 'minor',
    checklist: 'minor-2',
    description: 'Triggers cover the three tiers of the method: immediate, evaluate within a time, and monitor only',
    rationale:
      'An ideal rollback strategy does not only know when to roll back at once; it ' +
      'also says what is degraded enough to decide on within 15 minutes, and what to ' +
      'watch without rolling back, so alerts do not turn into needless rollbacks.',
    messages: {
      missingTier: 'No trigger is in the "{{tier}}" tier; add one with `response: {{response}}`.',
    },
    examples: {
      fail: 'triggers:\n  - { response: immediate, metric: upload_success_rate, operator: "<", value: 50, level: 1 }',
      pass:
        'triggers:\n  - { response: immediate, metric: upload_success_rate, operator: ' +
        '"<", value: 50, level: 1 }\n  - { response: evaluate, within: 15m, metric: ' +
        'upload_success_rate, operator: "<", value: 95, level: 1 }\n  - { response: ' +
        'monitor, signal: user-reports }',
    },
  },
  check({ plan, report }) {
    const triggers = plan.rollback.triggers ?? [];
    if (!triggers.length) return; // rollback/immediate-triggers asks for triggers first
    for (const [response, tier] of Object.entries(TIERS)) {
      if (!triggers.some((t) => t.response === response))
        report({ messageId: 'missingTier', data: { tier, response }, pointer: '/rollback/triggers' });
    }
  },
});

import { definePolicy } from '@deploy-plan/core';
import { flowStepIds, listAnd } from '../util/plan';

export default definePolicy({
  id: 'functionality/edge-cases-handled',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description: 'Every edge case is handled by a flow step or a verification item that exists',
    rationale:
      'Edge cases (file too large, CRM API unavailable, ...) are where functionality ' +
      'breaks in production. Naming the flow step that handles each one, or the test ' +
      'that proves it, shows the plan has an answer rather than a list of worries.',
    messages: {
      unhandled:
        'Edge case `{{id}}` is not handled: list the flow steps or verification items that handle it in `handledBy`.',
      unknownHandler:
        'Edge case `{{id}}` is handled by `{{handler}}`, which is neither a flow step nor a verification item.',
    },
    examples: {
      fail: 'edgeCases:\n  - id: crm-down\n    description: CRM API unavailable',
      pass:
        'edgeCases:\n  - id: crm-down\n    description: CRM API unavailable\n    ' +
        'handledBy: [error-crm, contract-test]',
    },
  },
  check({ plan, report }) {
    const steps = flowStepIds(plan);
    const verification = new Set((plan.functionality.verification ?? []).map((v) => v.id));
    const known = { has: (id: string) => steps.has(id) || verification.has(id) };
    (plan.functionality.edgeCases ?? []).forEach((edge, i) => {
      const handlers = edge.handledBy ?? [];
      if (!handlers.length) {
        report({
          messageId: 'unhandled',
          data: { id: edge.id },
          pointer: `/functionality/edgeCases/${i}`,
          target: 'key',
        });
        return;
      }
      handlers.forEach((handler, j) => {
        if (!known.has(handler)) {
          const close = [...steps, ...verification]
            .filter((k) => k.includes(handler) || handler.includes(k))
            .slice(0, 3);
          report({
            messageId: 'unknownHandler',
            data: { id: edge.id, handler },
            pointer: `/functionality/edgeCases/${i}/handledBy/${j}`,
            hint: close.length ? `Known ids that look similar: ${listAnd(close)}.` : undefined,
          });
        }
      });
    });
  },
});

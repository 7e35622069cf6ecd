import { definePolicy, isUnanswered } from '@deploy-plan/core';

const QUESTIONS = [
  'purpose',
  'requirements',
  'constraints',
  'dependencies',
  'edgeCases',
  'verification',
  'context',
] as const;

export default definePolicy({
  id: 'functionality/universal-questions',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description:
      'The seven universal questions are answered: purpose, requirements, constraints, ' +
      'dependencies, edge cases, verification, context',
    rationale:
      'The method makes understanding the functionality the mandatory first step: ' +
      'deployment exists to enable functionality, so a plan that cannot say what the ' +
      'functionality is, needs and must survive cannot show that its deployment ' +
      'supports it.',
    messages: {
      missing: 'The universal question `{{question}}` is not answered: add `functionality.{{question}}`.',
      unanswered: '`functionality.{{question}}` is empty or a placeholder; answer it.',
    },
    examples: {
      fail: 'functionality:\n  purpose: TODO\n  requirements: []',
      pass:
        'functionality:\n  purpose: Customers place orders; each is charged and never ' +
        'lost.\n  requirements: [Must charge the order before confirming it]\n  ' +
        'constraints: { performance: p95 under 1s }\n  dependencies: { apis: [{ name: ' +
        'payments-api, preExisting: true }] }\n  edgeCases: [{ id: payments-down, ' +
        'description: Payments API down, handledBy: [error-payment] }]\n  verification: ' +
        '[{ id: contract, kind: integration, description: Payments contract test }]\n  ' +
        'context: { location: apps/orders-api/src }',
    },
  },
  check({ plan, report }) {
    const f = plan.functionality as unknown as Record<string, unknown>;
    for (const question of QUESTIONS) {
      if (!(question in f))
        report({ messageId: 'missing', data: { question }, pointer: '/functionality', target: 'key' });
      else if (isUnanswered(f[question]))
        report({ messageId: 'unanswered', data: { question }, pointer: `/functionality/${question}` });
    }
  },
});

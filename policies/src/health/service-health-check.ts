import { definePolicy } from '@deploy-plan/core';
import { isService } from '../util/plan';

export default definePolicy({
  id: 'health/service-health-check',
  meta: {
    severity: 'critical',
    checklist: 'critical-5',
    description: 'Code that runs as a service (ui, api, integration, background-job) declares a readiness health check',
    rationale:
      'The fifth critical item: health checks verify functionality, not only that the ' +
      'process is up. A liveness check keeps a dead process from lingering; only a ' +
      'readiness check that exercises what the functionality needs tells the platform, ' +
      'the rollout and the on-call engineer that it works.',
    messages: {
      missing:
        '`{{codeTypes}}` code runs as a service but the plan declares no health check; ' +
        'add a readiness check that verifies what the functionality needs.',
      noReadiness:
        'The plan has only liveness checks; add a `kind: readiness` check that verifies ' +
        "the functionality's dependencies.",
    },
    examples: {
      fail: 'codeTypes: [api]\nhealthChecks:\n  - { path: /health/live, kind: liveness }',
      pass:
        'codeTypes: [api]\nhealthChecks:\n  - { path: /health/live, kind: liveness }\n  ' +
        '- { path: /health/ready, kind: readiness, verifies: [orders-db, payments-api] }',
    },
  },
  check({ plan, report }) {
    if (!isService(plan)) return;
    const checks = plan.healthChecks ?? [];
    if (!checks.length)
      report({
        messageId: 'missing',
        data: { codeTypes: plan.codeTypes.join(', ') },
        pointer: plan.healthChecks ? '/healthChecks' : '/codeTypes',
        target: plan.healthChecks ? 'value' : 'key',
      });
    else if (!checks.some((c) => c.kind === 'readiness'))
      report({ messageId: 'noReadiness', pointer: '/healthChecks' });
  },
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './service-health-check';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'an api with a readiness check',
      plan: planYaml(`
        healthChecks:
          - { path: /health/live, kind: liveness }
          - { path: /health/ready, kind: readiness }
      `),
    },
    { name: 'a database package needs none', plan: planYaml('', { codeTypes: ['database'] }) },
    {
      name: 'a ui with a readiness check',
      plan: planYaml('healthChecks: [{ path: /api/health, kind: readiness }]', { codeTypes: ['ui'] }),
    },
  ],
  invalid: [
    {
      name: 'an api without health checks',
      plan: planYaml('codeTypes: [api]'),
      errors: [{ messageId: 'missing', pointer: '/codeTypes', line: 1, column: 1, data: { codeTypes: 'api' } }],
    },
    {
      name: 'an empty list',
      plan: planYaml('healthChecks: []', { codeTypes: ['background-job'] }),
      errors: [{ messageId: 'missing', pointer: '/healthChecks', line: 1, column: 15 }],
    },
    {
      name: 'liveness only',
      plan: planYaml(`
        healthChecks:
          - { path: /healthz, kind: liveness }
      `),
      errors: [{ messageId: 'noReadiness', pointer: '/healthChecks', line: 2, column: 3 }],
    },
  ],
});

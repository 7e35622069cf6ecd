import { type RouteFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './health-route-exists';

const route = (method: string, path: string, extra: Partial<RouteFact> = {}): RouteFact => ({
  method,
  path,
  file: 'apps/demo/src/app.ts',
  line: 10,
  column: 1,
  confidence: 'resolved',
  framework: 'express',
  ...extra,
});
const checks = planYaml(`
  healthChecks:
    - { path: /health/live, kind: liveness }
    - { path: /api/health/ready, kind: readiness, verifies: [db] }
`);

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'both routes registered',
      plan: checks,
      facts: { code: codeFacts({ routes: [route('GET', '/health/live'), route('GET', '/api/health/ready')] }) },
    },
    {
      name: 'an ALL route and a parameterised one serve the paths',
      plan: checks,
      facts: { code: codeFacts({ routes: [route('ALL', '/health/live'), route('GET', '/api/health/:probe')] }) },
    },
    {
      name: 'a project without TypeScript or JavaScript is not judged',
      plan: checks,
      facts: { code: codeFacts({ files: [] }) },
    },
    {
      name: 'an env-derived prefix may serve the path; it is not guessed wrong',
      plan: checks,
      facts: {
        code: codeFacts({
          routes: [
            route('GET', '/health/live'),
            route('GET', '/${env:PREFIX}/health/ready', { confidence: 'env-derived' }),
          ],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'the prefix is missing from the plan',
      plan: planYaml(`
        healthChecks:
          - { path: /health/ready, kind: readiness, verifies: [db] }
      `),
      facts: { code: codeFacts({ routes: [route('GET', '/api/health/ready')] }) },
      errors: [{ messageId: 'notFound', pointer: '/healthChecks/0/path', line: 2, column: 13 }],
    },
    {
      name: 'the method differs',
      plan: planYaml(`
        healthChecks:
          - { path: /health/ready, method: POST, kind: readiness, verifies: [db] }
      `),
      facts: { code: codeFacts({ routes: [route('GET', '/health/ready')] }) },
      errors: [
        { messageId: 'notFound', pointer: '/healthChecks/0/path', line: 2, column: 13, data: { method: 'POST' } },
      ],
    },

    {
      name: 'route registrations not understood: could not confirm, at minor severity',
      plan: planYaml(`
        healthChecks:
          - { path: /health/ready, kind: readiness, verifies: [db] }
      `),
      facts: {
        code: codeFacts({
          unknowns: { routeSites: [{ file: 'apps/demo/src/app.ts', line: 4, column: 1 }], omittedFiles: 0 },
        }),
      },
      errors: [
        {
          messageId: 'unconfirmed',
          pointer: '/healthChecks/0/path',
          line: 2,
          column: 13,
          severity: 'minor',
          data: { reason: '1 route registration was not understood (apps/demo/src/app.ts:4)' },
        },
      ],
    },
    {
      name: 'a file that could not be inspected: could not confirm',
      plan: planYaml(`
        healthChecks:
          - { path: /healthz, kind: liveness }
      `),
      facts: {
        code: codeFacts(),
        failures: [{ file: 'apps/demo/src/gen.ts', line: 1, column: 1, message: 'RangeError' }],
      },
      errors: [
        {
          messageId: 'unconfirmed',
          pointer: '/healthChecks/0/path',
          line: 2,
          column: 13,
          severity: 'minor',
          data: { reason: '1 file could not be inspected (apps/demo/src/gen.ts:1)' },
        },
      ],
    },
  ],
});

import { PolicyTester, planYaml, type RouteFact } from '@deploy-plan/core';
import { codeFacts } from '../util/testing';
import policy from './health-route-exists';

const route = (method: string, path: string, extra: Partial<RouteFact> = {}): RouteFact => ({ method, path, file: 'apps/demo/src/app.ts', line: 10, column: 1, confidence: 'resolved', framework: 'express', ...extra });
const checks = planYaml(`
  healthChecks:
    - { path: /health/live, kind: liveness }
    - { path: /api/health/ready, kind: readiness, verifies: [db] }
`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'both routes registered', plan: checks, facts: { code: codeFacts({ routes: [route('GET', '/health/live'), route('GET', '/api/health/ready')] }) } },
    { name: 'an ALL route and a parameterised one serve the paths', plan: checks, facts: { code: codeFacts({ routes: [route('ALL', '/health/live'), route('GET', '/api/health/:probe')] }) } },
    { name: 'a project without TypeScript or JavaScript is not judged', plan: checks, facts: { code: codeFacts({ files: [] }) } },
    { name: 'an env-derived prefix may serve the path; it is not guessed wrong', plan: checks, facts: { code: codeFacts({ routes: [route('GET', '/health/live'), route('GET', '/${env:PREFIX}/health/ready', { confidence: 'env-derived' })] }) } },
  ],
  invalid: [
    {
      name: 'the prefix is missing from the plan',
      plan: planYaml('healthChecks:\n  - { path: /health/ready, kind: readiness, verifies: [db] }'),
      facts: { code: codeFacts({ routes: [route('GET', '/api/health/ready')] }) },
      errors: [{ messageId: 'notFound', pointer: '/healthChecks/0/path', line: 6, column: 13 }],
    },
    {
      name: 'the method differs',
      plan: planYaml('healthChecks:\n  - { path: /health/ready, method: POST, kind: readiness, verifies: [db] }'),
      facts: { code: codeFacts({ routes: [route('GET', '/health/ready')] }) },
      errors: [{ messageId: 'notFound', pointer: '/healthChecks/0/path', line: 6, column: 13, data: { method: 'POST' } }],
    },

  ],
});

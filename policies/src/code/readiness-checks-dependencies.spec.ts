import { type RouteFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './readiness-checks-dependencies';

const ready = (check: RouteFact['check'], reason = 'because') =>
  codeFacts({
    routes: [
      {
        method: 'GET',
        path: '/ready',
        file: 'apps/demo/src/health.ts',
        line: 12,
        column: 3,
        confidence: 'literal',
        framework: 'express',
        check,
        checkReason: reason,
      },
    ],
  });

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'the handler checks its dependencies',
      plan: planYaml(`
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db] }
      `),
      facts: { code: ready('checks-dependencies') },
    },
    {
      name: 'a liveness check may be constant',
      plan: planYaml(`
        healthChecks:
          - { path: /ready, kind: liveness, verifies: [orders-db] }
      `),
      facts: { code: ready('returns-constant') },
    },
    {
      name: 'no route (code/health-route-exists reports that)',
      plan: planYaml(`
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db] }
      `),
      facts: { code: codeFacts() },
    },
  ],
  invalid: [
    {
      name: 'a readiness handler that returns a constant',
      plan: planYaml(`
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db] }
      `),
      facts: { code: ready('returns-constant', 'every answer is a constant') },
      errors: [
        {
          messageId: 'constant',
          pointer: '/healthChecks/0/path',
          file: 'apps/demo/src/health.ts',
          line: 12,
          column: 3,
          data: { verifies: 'orders-db', reason: 'every answer is a constant' },
        },
      ],
    },
    {
      name: 'a readiness handler that calls the database but ignores the outcome',
      plan: planYaml(`
        healthChecks:
          - { path: /ready, kind: readiness, verifies: [orders-db] }
      `),
      facts: { code: ready('weak', 'calls pool.query(...) (pg) but answers the same whatever it returns') },
      errors: [
        { messageId: 'weak', pointer: '/healthChecks/0/path', file: 'apps/demo/src/health.ts', line: 12, column: 3 },
      ],
    },
  ],
});

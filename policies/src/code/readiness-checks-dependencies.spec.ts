import { type RouteFact } from '@deploy-plan/core';
import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './readiness-checks-dependencies';

const ready = (check: RouteFact['check'], reason = 'because') => codeFacts({ routes: [{ method: 'GET', path: '/ready', file: 'apps/demo/src/health.ts', line: 12, column: 3, confidence: 'literal', framework: 'express', check, checkReason: reason }] });
const plan = (kind = 'readiness') => planYaml(`healthChecks:\n  - { path: /ready, kind: ${kind}, verifies: [orders-db] }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'the handler checks its dependencies', plan: plan(), facts: { code: ready('checks-dependencies') } },
    { name: 'a liveness check may be constant', plan: plan('liveness'), facts: { code: ready('returns-constant') } },
    { name: 'no route (code/health-route-exists reports that)', plan: plan(), facts: { code: codeFacts() } },
  ],
  invalid: [
    {
      name: 'a readiness handler that returns a constant',
      plan: plan(),
      facts: { code: ready('returns-constant', 'every answer is a constant') },
      errors: [{ messageId: 'constant', pointer: '/healthChecks/0/path', file: 'apps/demo/src/health.ts', line: 12, column: 3, data: { verifies: 'orders-db', reason: 'every answer is a constant' } }],
    },
    {
      name: 'a readiness handler that calls the database but ignores the outcome',
      plan: plan(),
      facts: { code: ready('weak', 'calls pool.query(...) (pg) but answers the same whatever it returns') },
      errors: [{ messageId: 'weak', pointer: '/healthChecks/0/path', file: 'apps/demo/src/health.ts', line: 12, column: 3 }],
    },
  ],
});

import { definePolicy, isPlaceholder } from '@deploy-plan/core';
import { routesFor } from '../util/routes';

export default definePolicy({
  id: 'code/readiness-checks-dependencies',
  meta: {
    severity: 'critical',
    checklist: 'critical-5',
    description:
      'The handler of each readiness check calls a dependency (database, cache, HTTP API) and answers from the outcome',
    rationale:
      'The method asks health checks to verify functionality, "not just if the service ' +
      'is up". A readiness handler that returns `{ status: "ok" }` no matter what lets ' +
      'traffic reach pods whose database is down. Within two call hops the handler ' +
      'must wait for a dependency client, and its status or body must depend on the ' +
      'result.',
    messages: {
      constant:
        'The readiness handler for `{{path}}` always answers the same: {{reason}}. It ' +
        'must check what the functionality needs ({{verifies}}).',
      weak: 'The readiness handler for `{{path}}` does not really check its dependencies: {{reason}}.',
    },
    needs: ['code'],
    examples: {
      fail: "router.get('/health/ready', (_req, res) => res.json({ status: 'ok' }));",
      pass:
        "router.get('/health/ready', async (_req, res) => {\n  try { await " +
        "db.query('SELECT 1'); res.json({ status: 'ok' }); }\n  catch { " +
        "res.status(503).json({ status: 'unavailable' }); }\n});",
    },
  },
  check({ plan, facts, report }) {
    const code = facts.code;
    if (!code) return;
    (plan.healthChecks ?? []).forEach((check, i) => {
      if (check.kind !== 'readiness' || isPlaceholder(check.path)) return;
      const [found] = routesFor(code.routes, check.method ?? 'GET', check.path);
      if (!found?.route.check || found.route.check === 'checks-dependencies') return;
      const { route } = found;
      report({
        messageId: route.check === 'returns-constant' ? 'constant' : 'weak',
        data: {
          path: check.path,
          reason: route.checkReason ?? String(route.check),
          verifies: (check.verifies ?? []).join(', ') || 'its dependencies',
        },
        pointer: `/healthChecks/${i}/path`,
        at: { file: route.file, line: route.line, column: route.column },
      });
    });
  },
});

import { definePolicy, isPlaceholder } from '@deploy-plan/core';
import { failuresOf, incompleteness } from '../util/code';
import { routesFor } from '../util/routes';

export default definePolicy({
  id: 'code/health-route-exists',
  meta: {
    severity: 'critical',
    checklist: 'critical-5',
    description:
      'Every declared health check is a route the code really registers (method and ' +
      'full path, after router and global prefixes)',
    rationale:
      'A health check that exists only in the plan is worse than none: the platform ' +
      'probes a 404, or a stale path. The route is looked up the way the framework ' +
      'serves it: Express and Koa routers with their mount prefixes, Fastify plugins, ' +
      'NestJS global prefixes and versions, Next.js route files and basePath.',
    messages: {
      notFound: 'No route serves `{{method}} {{path}}` in the code.',
      unconfirmed: 'Could not confirm that a route serves `{{method}} {{path}}`: {{reason}}.',
    },
    needs: ['code'],
    examples: {
      fail:
        '# the code: app.use("/api", router); router.get("/health/ready", ' +
        '...)\nhealthChecks:\n  - { path: /health/ready, kind: readiness, verifies: [db] ' +
        '}',
      pass:
        '# the code: app.use("/api", router); router.get("/health/ready", ' +
        '...)\nhealthChecks:\n  - { path: /api/health/ready, kind: readiness, verifies: ' +
        '[db] }',
    },
  },
  check({ plan, facts, report }) {
    const code = facts.code;
    // Only TypeScript and JavaScript are inspected; other projects are not judged here.
    if (!code?.files.length) return;
    // Registrations not understood, or files not read: absence cannot be claimed.
    const unsure = incompleteness(code, failuresOf(facts), 'routes');
    (plan.healthChecks ?? []).forEach((check, i) => {
      const method = check.method ?? 'GET';
      // A scaffold placeholder is a question not answered yet (completeness/no-placeholders asks it).
      if (isPlaceholder(check.path) || routesFor(code.routes, method, check.path).length) return;
      if (unsure) {
        report({
          messageId: 'unconfirmed',
          data: { method, path: check.path, reason: unsure },
          pointer: `/healthChecks/${i}/path`,
          severity: 'minor',
          hint:
            "Describe the project's own route helper in `inspect.routeWrappers` in " +
            'deploy-plan.config.yaml, or waive this finding.',
        });
        return;
      }
      const last = check.path.split('/').filter(Boolean).pop();
      const near = code.routes.filter((r) => last && r.path.endsWith(`/${last}`)).slice(0, 3);
      const nearList = near.map((r) => `${r.method} ${r.path} (${r.file}:${r.line})`).join(', ');
      report({
        messageId: 'notFound',
        data: { method, path: check.path },
        pointer: `/healthChecks/${i}/path`,
        hint: near.length
          ? `The code has ${nearList}; is a prefix missing?`
          : 'Run `deploy-plan inspect <project-dir>` to see the routes the checker found.',
      });
    });
  },
});

import { definePolicy } from '@deploy-plan/core';
import { listAnd } from '../util/plan';

export default definePolicy({
  id: 'health/readiness-verifies',
  meta: {
    severity: 'critical',
    checklist: 'critical-5',
    description: "Each readiness check says what it verifies, naming the functionality's declared services and APIs",
    rationale:
      'A readiness check that verifies nothing answers "the process is up", which is ' +
      'what the method warns against. Naming the dependencies it exercises (the ' +
      'database, the CRM API) makes the claim checkable, here and against the code.',
    messages: {
      verifiesNothing:
        'Readiness check `{{path}}` does not say what it verifies; list the dependencies it checks in `verifies`.',
      unknownDependency: 'Readiness check `{{path}}` verifies `{{name}}`, which is not a declared service or API.',
    },
    examples: {
      fail: 'healthChecks:\n  - { path: /health/ready, kind: readiness }',
      pass:
        'dependencies:\n  services: [{ name: orders-db }]\nhealthChecks:\n  - { path: ' +
        '/health/ready, kind: readiness, verifies: [orders-db] }',
    },
  },
  check({ plan, report }) {
    const deps = plan.functionality.dependencies ?? {};
    const names = [...(deps.services ?? []), ...(deps.apis ?? [])].map((d) => d.name);
    const known = new Set(names.map((n) => n.toLowerCase()));
    (plan.healthChecks ?? []).forEach((check, i) => {
      if (check.kind !== 'readiness') return;
      const verifies = check.verifies ?? [];
      if (!verifies.length) {
        report({
          messageId: 'verifiesNothing',
          data: { path: check.path },
          pointer: `/healthChecks/${i}`,
          target: 'key',
        });
        return;
      }
      verifies.forEach((name, j) => {
        if (!known.has(name.toLowerCase())) {
          report({
            messageId: 'unknownDependency',
            data: { path: check.path, name },
            pointer: `/healthChecks/${i}/verifies/${j}`,
            hint: names.length
              ? `Declared: ${listAnd(names)}.`
              : 'Declare it under `functionality.dependencies.services` or `apis`.',
          });
        }
      });
    });
  },
});

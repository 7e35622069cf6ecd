import { definePolicy } from '@deploy-plan/core';

/** A path of dependencies from `from` to `to` in the graph, or undefined. */
function dependencyPath(deps: Record<string, string[]>, from: string, to: string): string[] | undefined {
  const queue: string[][] = [[from]];
  const seen = new Set([from]);
  while (queue.length) {
    const route = queue.shift()!;
    for (const next of deps[route[route.length - 1]] ?? []) {
      if (next === to) return [...route, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...route, next]);
      }
    }
  }
  return undefined;
}

export default definePolicy({
  id: 'deployment/project-order',
  meta: {
    severity: 'critical',
    checklist: 'critical-2',
    description:
      'Steps that deploy other Nx projects follow the project graph: a project is ' +
      'deployed after the projects it depends on',
    rationale:
      "Deploy dependencies first (the method's second critical item). When a plan " +
      'deploys several Nx projects, the project graph already knows which depends on ' +
      'which; deploying a consumer before the library or service it depends on ships ' +
      'code against something that is not there yet.',
    messages: {
      beforeDependency:
        'Step `{{step}}` deploys `{{project}}` before step `{{later}}` deploys ' +
        '`{{dependency}}`, which it depends on ({{path}}).',
      unknownProject: 'Step `{{step}}` deploys `{{project}}`, which is not a project of this Nx workspace.',
    },
    needs: ['graph'],
    examples: {
      fail:
        '# project graph: storefront-web -> orders-api\nsteps:\n  - { id: web, project: ' +
        'storefront-web }\n  - { id: api, project: orders-api }',
      pass:
        '# project graph: storefront-web -> orders-api\nsteps:\n  - { id: api, project: ' +
        'orders-api }\n  - { id: web, project: storefront-web, dependsOn: [api] }',
    },
  },
  check({ plan, facts, report }) {
    const graph = facts.graph;
    if (!graph) return;
    const steps = plan.deployment.steps ?? [];
    steps.forEach((step, i) => {
      if (step.project && !(step.project in graph.dependencies)) {
        report({
          messageId: 'unknownProject',
          data: { step: step.id, project: step.project },
          pointer: `/deployment/steps/${i}/project`,
        });
      }
    });
    steps.forEach((step, i) => {
      if (!step.project || !(step.project in graph.dependencies)) return;
      for (let j = i + 1; j < steps.length; j++) {
        const later = steps[j];
        if (!later.project || later.project === step.project) continue;
        const route = dependencyPath(graph.dependencies, step.project, later.project);
        if (route) {
          report({
            messageId: 'beforeDependency',
            data: {
              step: step.id,
              project: step.project,
              later: later.id,
              dependency: later.project,
              path: route.join(' → '),
            },
            pointer: `/deployment/steps/${i}/project`,
            relatedPointers: [
              { pointer: `/deployment/steps/${j}/project`, message: `\`${later.project}\` is deployed here` },
            ],
          });
        }
      }
    });
  },
});

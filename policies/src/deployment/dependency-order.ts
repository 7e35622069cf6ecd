import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'deployment/dependency-order',
  meta: {
    severity: 'critical',
    checklist: 'critical-2',
    description: 'Step dependencies exist, have no cycle, and the listed order deploys every dependency first',
    rationale:
      'The second critical item: deploy dependencies first. `dependsOn` makes the ' +
      'order explicit; a cycle cannot be deployed at all, and a step listed before a ' +
      'step it depends on would run against something that is not there yet.',
    messages: {
      unknownStep: 'Step `{{step}}` depends on `{{id}}`, which is not a deployment step.',
      cycle: 'Deployment steps depend on each other in a cycle: {{cycle}}.',
      outOfOrder:
        'Step `{{step}}` is listed before `{{dependency}}`, which it depends on; list `{{dependency}}` first.',
    },
    examples: {
      fail: 'steps:\n  - { id: frontend, dependsOn: [backend] }\n  - { id: backend }',
      pass: 'steps:\n  - { id: backend }\n  - { id: frontend, dependsOn: [backend] }',
    },
  },
  check({ plan, report }) {
    const steps = plan.deployment.steps ?? [];
    const index = new Map(steps.map((s, i) => [s.id, i]));
    const edges = steps.map((step, i) =>
      (step.dependsOn ?? []).flatMap((id, j) => {
        if (index.has(id)) return [index.get(id)!];
        report({
          messageId: 'unknownStep',
          data: { step: step.id, id },
          pointer: `/deployment/steps/${i}/dependsOn/${j}`,
        });
        return [];
      }),
    );

    // Cycles: depth-first search, reporting each cycle once at the step where it was entered.
    const state = steps.map(() => 0); // 0 new, 1 on the stack, 2 done
    const stack: number[] = [];
    const inCycle = new Set<number>();
    const visit = (i: number) => {
      state[i] = 1;
      stack.push(i);
      for (const j of edges[i]) {
        if (state[j] === 1) {
          const loop = stack.slice(stack.indexOf(j));
          loop.forEach((k) => inCycle.add(k));
          const names = [...loop, j].map((k) => `\`${steps[k].id}\``).join(' → ');
          const depIndex = (steps[i].dependsOn ?? []).indexOf(steps[j].id);
          report({
            messageId: 'cycle',
            data: { cycle: names },
            pointer: `/deployment/steps/${i}/dependsOn/${depIndex}`,
          });
        } else if (state[j] === 0) visit(j);
      }
      stack.pop();
      state[i] = 2;
    };
    steps.forEach((_, i) => state[i] === 0 && visit(i));

    steps.forEach((step, i) => {
      if (inCycle.has(i)) return;
      (step.dependsOn ?? []).forEach((id, j) => {
        const at = index.get(id);
        if (at !== undefined && at > i && !inCycle.has(at)) {
          report({
            messageId: 'outOfOrder',
            data: { step: step.id, dependency: id },
            pointer: `/deployment/steps/${i}/dependsOn/${j}`,
          });
        }
      });
    });
  },
});

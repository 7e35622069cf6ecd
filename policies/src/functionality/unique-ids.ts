import { definePolicy } from '@deploy-plan/core';
import { flowEntries } from '../util/plan';

export default definePolicy({
  id: 'functionality/unique-ids',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description: 'Ids of flow steps, edge cases, verification items, deployment steps and migrations are unique',
    rationale:
      'Deployment steps, flags, metrics and edge cases point at these ids; an id used ' +
      'twice makes every such reference ambiguous, so the checks built on them would ' +
      'be guesses.',
    messages: {
      duplicate: 'The id `{{id}}` is already used at `{{first}}`; ids must be unique across the plan.',
    },
    examples: {
      fail: 'flows:\n  request: [{ id: receive, description: ... }]\n  response: [{ id: receive, description: ... }]',
      pass:
        'flows:\n  request: [{ id: request-receive, description: ... }]\n  response: [{ ' +
        'id: response-created, description: ... }]',
    },
  },
  check({ plan, report }) {
    // Pointers are built only for a duplicate: this runs over every id of every plan.
    const seen = new Map<string, [string, number]>();
    const visit = (id: string, section: string, index: number) => {
      const first = seen.get(id);
      if (!first) {
        seen.set(id, [section, index]);
        return;
      }
      const firstPointer = `${first[0]}/${first[1]}`;
      report({
        messageId: 'duplicate',
        data: { id, first: firstPointer.slice(1).replace(/\//g, '.') },
        pointer: `${section}/${index}/id`,
        relatedPointers: [{ pointer: `${firstPointer}/id`, message: `\`${id}\` first used here` }],
      });
    };
    for (const [flow, steps] of flowEntries(plan))
      (steps ?? []).forEach((s, i) => visit(s.id, `/functionality/flows/${flow}`, i));
    (plan.functionality.edgeCases ?? []).forEach((e, i) => visit(e.id, '/functionality/edgeCases', i));
    (plan.functionality.verification ?? []).forEach((v, i) => visit(v.id, '/functionality/verification', i));
    (plan.deployment.steps ?? []).forEach((s, i) => visit(s.id, '/deployment/steps', i));
    (plan.migrations?.changes ?? []).forEach((c, i) => visit(c.id, '/migrations/changes', i));
  },
});

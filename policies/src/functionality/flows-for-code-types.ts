import { definePolicy, FLOWS_BY_CODE_TYPE } from '@deploy-plan/core';

export default definePolicy({
  id: 'functionality/flows-for-code-types',
  meta: {
    severity: 'critical',
    checklist: 'step-1',
    description: 'Every flow the declared code types call for is described, with at least one step',
    rationale:
      'Step 1 answers flow questions that depend on the code type (an API has request, ' +
      'response, error and data flows; a UI has user, admin and system flows, ...). ' +
      'Deployment steps, metrics and flags are then checked against these flows, so a ' +
      'missing flow leaves part of the functionality unplanned.',
    messages: {
      missing: '`{{codeType}}` code needs the `{{flow}}` flow; add `functionality.flows.{{flow}}` with its steps.',
      empty: 'The `{{flow}}` flow has no steps.',
    },
    examples: {
      fail:
        'codeTypes: [api]\nfunctionality:\n  flows:\n    request: [{ id: receive, ' +
        'description: Client posts an order }]',
      pass:
        'codeTypes: [api]\nfunctionality:\n  flows:\n    request: [{ id: receive, ' +
        'description: Client posts an order }]\n    response: [{ id: created, ' +
        'description: 201 with the order id }]\n    error: [{ id: invalid, description: ' +
        '400 naming the bad field }]\n    data: [{ id: insert, description: The order is ' +
        'stored }]',
    },
  },
  check({ plan, report }) {
    const flows = plan.functionality.flows ?? {};
    const reported = new Set<string>();
    for (const codeType of plan.codeTypes) {
      for (const flow of FLOWS_BY_CODE_TYPE[codeType] ?? []) {
        if (reported.has(flow)) continue;
        reported.add(flow);
        const steps = flows[flow];
        if (steps === undefined) {
          report({
            messageId: 'missing',
            data: { codeType, flow },
            pointer: plan.functionality.flows ? '/functionality/flows' : '/functionality',
            target: 'key',
          });
        } else if (steps.length === 0) {
          report({ messageId: 'empty', data: { flow }, pointer: `/functionality/flows/${flow}` });
        }
      }
    }
  },
});

import { definePolicy } from '@deploy-plan/core';
import { flowSteps, presentFlows } from '../util/plan';

export default definePolicy({
  id: 'deployment/steps-support-flows',
  meta: {
    severity: 'critical',
    checklist: 'critical-1',
    description:
      'Deployment steps support the functionality flows: every flow has a step that ' +
      'deploys what it needs, and every step supports a flow step',
    rationale:
      'The first critical item: deploy the services and components the functionality ' +
      'needs. Linking each deployment step to the flow steps it makes work ' +
      '(`supports`) shows that no flow is left without a deployment behind it, and ' +
      'that no step deploys something the functionality does not use.',
    messages: {
      noSteps: 'The plan has no deployment steps; list the steps that deploy what the flows need.',
      unsupportedFlow: "No deployment step supports the `{{flow}}` flow; add its step ids to a step's `supports`.",
      supportsNothing:
        'Deployment step `{{step}}` supports no flow step; say which flow steps it makes work in `supports`.',
      unknownFlowStep: 'Deployment step `{{step}}` supports `{{id}}`, which is not a flow step.',
    },
    examples: {
      fail: 'deployment:\n  method: docker\n  steps:\n    - id: deploy-api\n      commands: [npm run deploy]',
      pass:
        'deployment:\n  method: docker\n  steps:\n    - id: deploy-api\n      supports: ' +
        '[request-receive, data-insert]\n      commands: [npm run deploy]',
    },
  },
  check({ plan, report }) {
    const steps = plan.deployment.steps ?? [];
    if (!steps.length) {
      report({ messageId: 'noSteps', pointer: '/deployment', target: 'key' });
      return;
    }
    const byId = new Map(flowSteps(plan).map((s) => [s.step.id, s]));
    const supportedFlows = new Set<string>();
    steps.forEach((step, i) => {
      const supports = step.supports ?? [];
      if (!supports.length)
        report({
          messageId: 'supportsNothing',
          data: { step: step.id },
          pointer: `/deployment/steps/${i}`,
          target: 'key',
        });
      supports.forEach((id, j) => {
        const found = byId.get(id);
        if (found) supportedFlows.add(found.flow);
        else
          report({
            messageId: 'unknownFlowStep',
            data: { step: step.id, id },
            pointer: `/deployment/steps/${i}/supports/${j}`,
          });
      });
    });
    for (const flow of presentFlows(plan)) {
      if (!supportedFlows.has(flow))
        report({
          messageId: 'unsupportedFlow',
          data: { flow },
          pointer: `/functionality/flows/${flow}`,
          target: 'key',
        });
    }
  },
});

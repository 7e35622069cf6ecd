import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'deployment/pipeline-environments',
  meta: {
    severity: 'minor',
    checklist: 'minor-1',
    description:
      'The deployment goes through at least one environment before production, and steps name environments that exist',
    rationale:
      'Part of a well-rounded pipeline (the method deploys to staging, verifies, then ' +
      'production): a release first proven where a failure costs nothing. Minor: the ' +
      'critical items come first.',
    messages: {
      noEnvironments: 'The deployment lists no environments; name them in order (e.g. staging, production).',
      single:
        'The deployment has only the `{{name}}` environment; add one to prove the release in before it reaches users.',
      unknownEnvironment: 'Step `{{step}}` deploys to `{{environment}}`, which is not in `deployment.environments`.',
    },
    examples: {
      fail: 'deployment:\n  environments: [{ name: production }]',
      pass: 'deployment:\n  environments:\n    - { name: staging }\n    - { name: production, approval: manual }',
    },
  },
  check({ plan, report }) {
    const environments = plan.deployment.environments ?? [];
    if (!environments.length) report({ messageId: 'noEnvironments', pointer: '/deployment', target: 'key' });
    else if (environments.length === 1)
      report({ messageId: 'single', data: { name: environments[0].name }, pointer: '/deployment/environments' });
    const names = new Set(environments.map((e) => e.name));
    (plan.deployment.steps ?? []).forEach((step, i) => {
      if (step.environment && environments.length && !names.has(step.environment)) {
        report({
          messageId: 'unknownEnvironment',
          data: { step: step.id, environment: step.environment },
          pointer: `/deployment/steps/${i}/environment`,
        });
      }
    });
  },
});

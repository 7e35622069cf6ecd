import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './pipeline-environments';

const env = (environments: string, steps = '[]') => planYaml(`deployment:\n  method: docker\n  environments: ${environments}\n  steps: ${steps}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'staging then production', plan: env('[{ name: staging }, { name: production, approval: manual }]', '[{ id: a, environment: staging }]') },
    { name: 'preview then production', plan: env('[{ name: preview }, { name: production }]') },
  ],
  invalid: [
    { name: 'no environments', plan: planYaml('deployment:\n  method: docker'), errors: [{ messageId: 'noEnvironments', pointer: '/deployment', line: 1, column: 1 }] },
    { name: 'production only', plan: env('[{ name: production }]'), errors: [{ messageId: 'single', pointer: '/deployment/environments', line: 3, column: 17 }] },
    {
      name: 'a step names an unknown environment',
      plan: env('[{ name: staging }, { name: production }]', '[{ id: a, environment: prod }]'),
      errors: [{ messageId: 'unknownEnvironment', pointer: '/deployment/steps/0/environment', line: 4, column: 33 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './pipeline-environments';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'staging then production',
      plan: planYaml(`
        deployment:
          method: docker
          environments: [{ name: staging }, { name: production, approval: manual }]
          steps: [{ id: a, environment: staging }]
      `),
    },
    {
      name: 'preview then production',
      plan: planYaml(`
        deployment:
          method: docker
          environments: [{ name: preview }, { name: production }]
          steps: []
      `),
    },
  ],
  invalid: [
    {
      name: 'no environments',
      plan: planYaml(`
        deployment:
          method: docker
      `),
      errors: [{ messageId: 'noEnvironments', pointer: '/deployment', line: 1, column: 1 }],
    },
    {
      name: 'production only',
      plan: planYaml(`
        deployment:
          method: docker
          environments: [{ name: production }]
          steps: []
      `),
      errors: [{ messageId: 'single', pointer: '/deployment/environments', line: 3, column: 17 }],
    },
    {
      name: 'a step names an unknown environment',
      plan: planYaml(`
        deployment:
          method: docker
          environments: [{ name: staging }, { name: production }]
          steps: [{ id: a, environment: prod }]
      `),
      errors: [{ messageId: 'unknownEnvironment', pointer: '/deployment/steps/0/environment', line: 4, column: 33 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './project-order';

const graph = {
  dependencies: {
    'storefront-web': ['orders-api'],
    'orders-api': ['billing-db'],
    'billing-db': [],
    'invoice-worker': ['billing-db'],
  },
};

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'dependencies first',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: billing-db }
            - { id: s1, project: orders-api }
            - { id: s2, project: storefront-web }
      `),
      facts: { graph },
    },
    {
      name: 'unrelated projects in any order',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: invoice-worker }
            - { id: s1, project: orders-api }
      `),
      facts: { graph },
    },
    {
      name: 'outside an Nx workspace nothing is judged',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: storefront-web }
            - { id: s1, project: orders-api }
      `),
    },
  ],
  invalid: [
    {
      name: 'a consumer before its direct dependency',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: storefront-web }
            - { id: s1, project: orders-api }
      `),
      facts: { graph },
      errors: [
        {
          messageId: 'beforeDependency',
          pointer: '/deployment/steps/0/project',
          line: 4,
          column: 26,
          data: { path: 'storefront-web → orders-api' },
        },
      ],
    },
    {
      name: 'a transitive dependency deployed last, naming the edge',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: storefront-web }
            - { id: s1, project: billing-db }
      `),
      facts: { graph },
      errors: [
        {
          messageId: 'beforeDependency',
          pointer: '/deployment/steps/0/project',
          line: 4,
          column: 26,
          data: { path: 'storefront-web → orders-api → billing-db' },
        },
      ],
    },
    {
      name: 'a project the workspace does not have',
      plan: planYaml(`
        deployment:
          method: kubernetes
          steps:
            - { id: s0, project: orders-apii }
      `),
      facts: { graph },
      errors: [{ messageId: 'unknownProject', pointer: '/deployment/steps/0/project', line: 4, column: 26 }],
    },
  ],
});

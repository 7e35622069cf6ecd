import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './project-order';

const graph = { dependencies: { 'storefront-web': ['orders-api'], 'orders-api': ['billing-db'], 'billing-db': [], 'invoice-worker': ['billing-db'] } };
const steps = (...projects: string[]) => planYaml(`deployment:\n  method: kubernetes\n  steps:\n${projects.map((p, i) => `    - { id: s${i}, project: ${p} }`).join('\n')}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'dependencies first', plan: steps('billing-db', 'orders-api', 'storefront-web'), facts: { graph } },
    { name: 'unrelated projects in any order', plan: steps('invoice-worker', 'orders-api'), facts: { graph } },
    { name: 'outside an Nx workspace nothing is judged', plan: steps('storefront-web', 'orders-api') },
  ],
  invalid: [
    {
      name: 'a consumer before its direct dependency',
      plan: steps('storefront-web', 'orders-api'),
      facts: { graph },
      errors: [{ messageId: 'beforeDependency', pointer: '/deployment/steps/0/project', line: 4, column: 26, data: { path: 'storefront-web → orders-api' } }],
    },
    {
      name: 'a transitive dependency deployed last, naming the edge',
      plan: steps('storefront-web', 'billing-db'),
      facts: { graph },
      errors: [{ messageId: 'beforeDependency', pointer: '/deployment/steps/0/project', line: 4, column: 26, data: { path: 'storefront-web → orders-api → billing-db' } }],
    },
    {
      name: 'a project the workspace does not have',
      plan: steps('orders-apii'),
      facts: { graph },
      errors: [{ messageId: 'unknownProject', pointer: '/deployment/steps/0/project', line: 4, column: 26 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './dependency-order';

const steps = (body: string) => planYaml(`deployment:\n  method: docker\n  steps:\n${body}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'dependencies listed first', plan: steps('    - { id: db }\n    - { id: api, dependsOn: [db] }\n    - { id: web, dependsOn: [api, db] }') },
    { name: 'no dependencies', plan: steps('    - { id: a }\n    - { id: b }') },
  ],
  invalid: [
    {
      name: 'a step listed before its dependency',
      plan: steps('    - { id: web, dependsOn: [api] }\n    - { id: api }'),
      errors: [{ messageId: 'outOfOrder', pointer: '/deployment/steps/0/dependsOn/0', line: 4, column: 30, data: { step: 'web', dependency: 'api' } }],
    },
    {
      name: 'a two-step cycle, named',
      plan: steps('    - { id: a, dependsOn: [b] }\n    - { id: b, dependsOn: [a] }'),
      errors: [{ messageId: 'cycle', pointer: '/deployment/steps/1/dependsOn/0', line: 5, column: 28, data: { cycle: '`a` → `b` → `a`' } }],
    },
    {
      name: 'a three-step cycle behind a valid step',
      plan: steps('    - { id: base }\n    - { id: a, dependsOn: [base, c] }\n    - { id: b, dependsOn: [a] }\n    - { id: c, dependsOn: [b] }'),
      errors: [{ messageId: 'cycle', pointer: '/deployment/steps/2/dependsOn/0', line: 6, column: 28, data: { cycle: '`a` → `c` → `b` → `a`' } }],
    },
    {
      name: 'a step that depends on itself',
      plan: steps('    - { id: a, dependsOn: [a] }'),
      errors: [{ messageId: 'cycle', pointer: '/deployment/steps/0/dependsOn/0', line: 4, column: 28, data: { cycle: '`a` → `a`' } }],
    },
    {
      name: 'an unknown step',
      plan: steps('    - { id: a, dependsOn: [bulid] }'),
      errors: [{ messageId: 'unknownStep', pointer: '/deployment/steps/0/dependsOn/0', line: 4, column: 28, data: { id: 'bulid' } }],
    },
  ],
});

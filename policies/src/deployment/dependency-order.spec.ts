import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './dependency-order';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'dependencies listed first',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: db }
            - { id: api, dependsOn: [db] }
            - { id: web, dependsOn: [api, db] }
      `),
    },
    {
      name: 'no dependencies',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: a }
            - { id: b }
      `),
    },
  ],
  invalid: [
    {
      name: 'a step listed before its dependency',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: web, dependsOn: [api] }
            - { id: api }
      `),
      errors: [
        {
          messageId: 'outOfOrder',
          pointer: '/deployment/steps/0/dependsOn/0',
          line: 4,
          column: 30,
          data: { step: 'web', dependency: 'api' },
        },
      ],
    },
    {
      name: 'a two-step cycle, named',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: a, dependsOn: [b] }
            - { id: b, dependsOn: [a] }
      `),
      errors: [
        {
          messageId: 'cycle',
          pointer: '/deployment/steps/1/dependsOn/0',
          line: 5,
          column: 28,
          data: { cycle: '`a` → `b` → `a`' },
        },
      ],
    },
    {
      name: 'a three-step cycle behind a valid step',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: base }
            - { id: a, dependsOn: [base, c] }
            - { id: b, dependsOn: [a] }
            - { id: c, dependsOn: [b] }
      `),
      errors: [
        {
          messageId: 'cycle',
          pointer: '/deployment/steps/2/dependsOn/0',
          line: 6,
          column: 28,
          data: { cycle: '`a` → `c` → `b` → `a`' },
        },
      ],
    },
    {
      name: 'a step that depends on itself',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: a, dependsOn: [a] }
      `),
      errors: [
        {
          messageId: 'cycle',
          pointer: '/deployment/steps/0/dependsOn/0',
          line: 4,
          column: 28,
          data: { cycle: '`a` → `a`' },
        },
      ],
    },
    {
      name: 'an unknown step',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - { id: a, dependsOn: [bulid] }
      `),
      errors: [
        {
          messageId: 'unknownStep',
          pointer: '/deployment/steps/0/dependsOn/0',
          line: 4,
          column: 28,
          data: { id: 'bulid' },
        },
      ],
    },
  ],
});

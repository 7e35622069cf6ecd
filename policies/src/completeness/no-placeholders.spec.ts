import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './no-placeholders';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a finished plan',
      plan: planYaml(`
        functionality:
          purpose: Customers place orders.
      `),
    },
    {
      name: 'an ordinary TODO in prose is not a scaffold marker',
      plan: planYaml(`
        functionality:
          purpose: Orders. A TODO list lives in the wiki.
      `),
    },
  ],
  invalid: [
    {
      name: 'a placeholder owner',
      plan: planYaml('owner: "TODO(deploy-plan): team or person accountable"'),
      errors: [
        {
          messageId: 'placeholder',
          pointer: '/owner',
          line: 1,
          column: 8,
          data: { path: '`owner`', text: 'team or person accountable.' },
        },
      ],
    },
    {
      name: 'placeholders deep in lists',
      plan: planYaml(`
        functionality:
          purpose: Orders
          requirements: [Must charge, "TODO(deploy-plan): what the functionality must do"]
      `),
      errors: [{ messageId: 'placeholder', pointer: '/functionality/requirements/1', line: 3, column: 31 }],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './metric-hygiene';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'description and unit',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, description: Upload success rate, unit: percent }
      `),
    },
    {
      name: 'no metrics at all',
      plan: planYaml(`
        monitoring:
          metrics: []
      `),
    },
  ],
  invalid: [
    {
      name: 'neither',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge }
      `),
      errors: [
        { messageId: 'noDescription', pointer: '/monitoring/metrics/0', line: 3, column: 7 },
        { messageId: 'noUnit', pointer: '/monitoring/metrics/0', line: 3, column: 7 },
      ],
    },
    {
      name: 'a placeholder unit',
      plan: planYaml(`
        monitoring:
          metrics:
            - { name: m, type: gauge, description: Rate, unit: TBD }
      `),
      errors: [{ messageId: 'noUnit', pointer: '/monitoring/metrics/0', line: 3, column: 7 }],
    },
  ],
});

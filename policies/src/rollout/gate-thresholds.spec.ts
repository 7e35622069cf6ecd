import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './gate-thresholds';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'at the alert threshold',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 95 }] }
      `),
    },
    {
      name: 'at the rollback threshold (the boundary)',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 50 }] }
      `),
    },
    {
      name: 'lower is better, in between',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: lower-is-better, thresholds: { alert: 30, rollback: 60 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 40 }] }
      `),
    },
  ],
  invalid: [
    {
      name: 'no threshold',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m }] }
      `),
      errors: [{ messageId: 'noThreshold', pointer: '/rollout/stages/0/gates/0', line: 6, column: 30 }],
    },
    {
      name: 'one below the rollback threshold',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 49 }] }
      `),
      errors: [
        {
          messageId: 'laxerThanRollback',
          pointer: '/rollout/stages/0/gates/0/threshold',
          line: 6,
          column: 54,
          data: { rollback: '50' },
        },
      ],
    },
    {
      name: 'stricter than the alert threshold',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: higher-is-better, thresholds: { alert: 95, rollback: 50 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 99 }] }
      `),
      errors: [
        {
          messageId: 'stricterThanAlert',
          pointer: '/rollout/stages/0/gates/0/threshold',
          line: 6,
          column: 54,
          data: { alert: '95' },
        },
      ],
    },
    {
      name: 'lower is better, past the rollback threshold',
      plan: planYaml(`
        monitoring:
          metrics: [{ name: m, type: gauge, direction: lower-is-better, thresholds: { alert: 30, rollback: 60 } }]
        rollout:
          strategy: canary
          stages:
            - { weight: 100, gates: [{ metric: m, threshold: 61 }] }
      `),
      errors: [{ messageId: 'laxerThanRollback', pointer: '/rollout/stages/0/gates/0/threshold', line: 6, column: 54 }],
    },
  ],
});

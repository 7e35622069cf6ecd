import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './time-to-detect';

// Each plan: a metric evaluated every `interval`, `failureLimit` times, and a level-1 trigger on it.
new PolicyTester().run(policy, {
  valid: [
    {
      name: 'exactly at the budget: 1m × 3 + 2m = 5m',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 1m
              failureLimit: 3
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 2m }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
    },
    {
      name: 'well within: 30s × 2 + 1m',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 30s
              failureLimit: 2
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 1m }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
    },
    {
      name: 'evaluate triggers are decided by people, not timed',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 5m
              failureLimit: 3
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 2m }
          triggers:
            - { description: Uploads broken, response: evaluate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
    },
    {
      name: 'a wider budget from options',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 5m
              failureLimit: 3
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 5m }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
      options: { level1: '20m' },
    },
  ],
  invalid: [
    {
      name: 'one second over: 1m × 3 + 2m1s',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 1m
              failureLimit: 3
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 2m1s }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
      errors: [
        {
          messageId: 'tooSlow',
          pointer: '/rollback/triggers/0',
          line: 11,
          column: 7,
          data: { total: '5m1s', detect: '3m', budget: '5m' },
        },
      ],
    },
    {
      name: 'slow detection: 5m × 3 + 2m',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              interval: 5m
              failureLimit: 3
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 2m }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
      errors: [
        {
          messageId: 'tooSlow',
          pointer: '/rollback/triggers/0',
          line: 11,
          column: 7,
          data: { total: '17m', detect: '15m' },
        },
      ],
    },
    {
      name: 'a metric without evaluation settings',
      plan: planYaml(`
        monitoring:
          metrics:
            - name: upload_success_rate
              type: gauge
              unit: percent
              direction: higher-is-better
        rollback:
          levels:
            - { level: 1, kind: feature-flag, maxDuration: 2m }
          triggers:
            - { description: Uploads broken, response: immediate, metric: upload_success_rate,
                operator: "<", value: 50, level: 1 }
      `),
      errors: [
        {
          messageId: 'unknownDetection',
          pointer: '/rollback/triggers/0/metric',
          line: 11,
          column: 67,
          data: { missing: '`interval` or `failureLimit`' },
        },
      ],
    },
  ],
});

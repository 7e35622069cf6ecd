import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './flows-tracked';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'one metric per flow, by flow name',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: store, description: b }]
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, tracks: [request] }
            - { name: store_rate, type: gauge, tracks: [data] }
      `),
    },
    {
      name: 'a metric tracking a step of each flow',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: store, description: b }]
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, tracks: [receive, store] }
      `),
    },
  ],
  invalid: [
    {
      name: 'no metrics',
      plan: planYaml('monitoring: {}'),
      errors: [{ messageId: 'noMetrics', pointer: '/monitoring', line: 1, column: 1 }],
    },
    {
      name: 'a generic metric',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: store, description: b }]
        monitoring:
          metrics:
            - { name: cpu_usage, type: gauge }
      `),
      errors: [
        { messageId: 'untracked', pointer: '/functionality/flows/request', line: 4, column: 5 },
        { messageId: 'untracked', pointer: '/functionality/flows/data', line: 5, column: 5 },
        { messageId: 'tracksNothing', pointer: '/monitoring/metrics/0', line: 8, column: 7 },
      ],
    },
    {
      name: 'a misspelt flow step',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          flows:
            request: [{ id: receive, description: a }]
            data: [{ id: store, description: b }]
        monitoring:
          metrics:
            - { name: ok_rate, type: gauge, tracks: [request, stroe] }
      `),
      errors: [
        { messageId: 'untracked', pointer: '/functionality/flows/data', line: 5, column: 5 },
        {
          messageId: 'unknownTrack',
          pointer: '/monitoring/metrics/0/tracks/1',
          line: 8,
          column: 55,
          data: { track: 'stroe' },
        },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import type { AnalysisTemplateFact, RolloutControllerFact } from '@deploy-plan/core';
import { fileFacts, infrastructureFacts } from '../util/testing';
import policy from './gates-match-analysis';

const ANALYSIS = 'apps/demo/k8s/analysis.yaml';
const plan = planYaml(`
  monitoring:
    metrics:
      - { name: ok_rate, type: gauge, direction: higher-is-better }
  rollout:
    strategy: canary
    stages:
      - name: canary
        weight: 10
        gates: [{ metric: ok_rate, threshold: 95, initialDelay: 2m, interval: 1m, count: 10, failureLimit: 2 }]
      - { name: full, weight: 100 }
`);
const rollout: RolloutControllerFact = {
  kind: 'argo-rollouts',
  name: 'demo',
  file: 'apps/demo/k8s/rollout.yaml',
  line: 1,
  strategy: 'canary',
  steps: [
    { kind: 'weight', weight: 10, line: 20 },
    { kind: 'analysis', templates: ['gates'], line: 21 },
  ],
};
type Metric = AnalysisTemplateFact['metrics'][number];
const GOOD: Metric = {
  name: 'ok_rate',
  line: 8,
  successCondition: 'result[0] >= 95',
  initialDelay: '2m',
  interval: '60s',
  count: 10,
  failureLimit: 2,
};
const facts = (metric: Partial<Metric>, controller: RolloutControllerFact = rollout) => ({
  files: fileFacts({
    infrastructure: infrastructureFacts({
      controllers: [controller],
      analysisTemplates: [{ name: 'gates', file: ANALYSIS, line: 1, metrics: [{ ...GOOD, ...metric }] }],
    }),
  }),
});
const at = { file: ANALYSIS, line: 8, column: 1 };
const gate = '/rollout/stages/0/gates/0';

new PolicyTester().run(policy, {
  valid: [
    { name: 'the same threshold, cadence and limit (60s is 1m)', plan, facts: facts({}) },
    {
      name: 'a failureCondition that is the inverse',
      plan,
      facts: facts({ successCondition: undefined, failureCondition: 'result[0] < 95' }),
    },
    {
      name: "Flagger's threshold range, checked once per interval",
      plan: plan.replace('count: 10', 'count: 1'),
      facts: facts(
        {},
        {
          ...rollout,
          kind: 'flagger',
          interval: '1m',
          failureLimit: 2,
          metrics: [{ name: 'ok_rate', min: 95, line: 8 }],
        },
      ),
    },
  ],
  invalid: [
    {
      name: 'a laxer threshold',
      plan,
      facts: facts({ successCondition: 'result[0] >= 80' }),
      errors: [
        { messageId: 'threshold', pointer: `${gate}/threshold`, ...at, data: { found: '>= 80', expected: '95' } },
      ],
    },
    {
      name: 'the comparison the wrong way round',
      plan,
      facts: facts({ successCondition: 'result[0] <= 95' }),
      errors: [{ messageId: 'direction', pointer: `${gate}/metric`, ...at, data: { direction: 'higher-is-better' } }],
    },
    {
      name: 'another cadence, count, failure limit and delay',
      plan,
      facts: facts({ interval: '5m', count: 3, failureLimit: 10, initialDelay: '0s' }),
      errors: [
        { messageId: 'interval', pointer: `${gate}/interval`, ...at, data: { found: '5m', expected: '1m' } },
        { messageId: 'initialDelay', pointer: `${gate}/initialDelay`, ...at, data: { found: '0s' } },
        { messageId: 'count', pointer: `${gate}/count`, ...at, data: { found: '3', expected: '10' } },
        { messageId: 'failureLimit', pointer: `${gate}/failureLimit`, ...at, data: { found: '10' } },
      ],
    },
  ],
});

import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import type { InfrastructureFacts, RolloutControllerFact } from '@deploy-plan/core';
import { fileFacts, infrastructureFacts } from '../util/testing';
import policy from './controller-matches-stages';

const ROLLOUT = 'apps/demo/k8s/rollout.yaml';
const plan = planYaml(`
  rollout:
    strategy: canary
    stages:
      - { name: canary-10, weight: 10, bake: 15m, gates: [{ metric: ok_rate, threshold: 95 }] }
      - { name: full, weight: 100, gates: [{ metric: ok_rate, threshold: 95 }] }
`);
type Step = RolloutControllerFact['steps'][number];
const weight = (w: number, line: number): Step => ({ kind: 'weight', weight: w, line });
const pause = (line: number, duration?: string): Step => ({ kind: 'pause', ...(duration ? { duration } : {}), line });
const analysis = (line: number, ...templates: string[]): Step => ({ kind: 'analysis', templates, line });

function facts(steps: Step[], more: Partial<RolloutControllerFact> = {}, infra: Partial<InfrastructureFacts> = {}) {
  const controller: RolloutControllerFact = {
    kind: 'argo-rollouts',
    name: 'demo',
    file: ROLLOUT,
    line: 2,
    strategy: 'canary',
    steps,
    background: { templates: ['gates'], line: 40 },
    ...more,
  };
  const template = {
    name: 'gates',
    file: 'apps/demo/k8s/analysis.yaml',
    line: 2,
    metrics: [{ name: 'ok_rate', line: 8 }],
  };
  return {
    files: fileFacts({
      infrastructure: infrastructureFacts({ controllers: [controller], analysisTemplates: [template], ...infra }),
    }),
  };
}
const at = (line: number) => ({ file: ROLLOUT, line, column: 1 });

new PolicyTester().run(policy, {
  valid: [
    { name: 'weights, pauses and analysis as planned', plan, facts: facts([weight(10, 30), pause(31, '15m')]) },
    { name: 'a pause until promoted waits long enough', plan, facts: facts([weight(10, 30), pause(31)]) },
    {
      name: 'an analysis step instead of a background analysis',
      plan,
      facts: facts([weight(10, 30), pause(31, '20m'), analysis(32, 'gates')], {
        background: { templates: ['gates'], line: 40 },
      }),
    },
    {
      name: 'a template outside the project (ClusterAnalysisTemplate): what it measures is not known here',
      plan,
      facts: facts([weight(10, 30), pause(31, '15m')], { background: { templates: ['cluster-gates'], line: 40 } }),
    },
    { name: 'no controller in the project', plan, facts: { files: fileFacts() } },
    {
      name: 'Flagger: its metrics name the gates, and gate the promotion to 100% too',
      plan,
      facts: facts([weight(10, 30), pause(31, '15m'), analysis(30)], {
        kind: 'flagger',
        background: undefined,
        metrics: [{ name: 'ok_rate', min: 95, line: 33 }],
      }),
    },
  ],
  invalid: [
    {
      name: 'a Rollout that is a Helm template',
      plan,
      facts: facts(
        [],
        {},
        { controllers: [], notUnderstood: [{ file: ROLLOUT, line: 12, reason: 'a template', about: 'rollout' }] },
      ),
      errors: [{ messageId: 'notUnderstood', pointer: '/rollout', ...at(12) }],
    },
    {
      name: 'other weights',
      plan,
      facts: facts([weight(50, 30), pause(31, '15m')]),
      errors: [
        {
          messageId: 'weights',
          ...at(30),
          pointer: '/rollout/stages',
          data: { actual: '50%, 100%', expected: '10%, 100%' },
        },
      ],
    },
    {
      name: 'a pause shorter than the bake',
      plan,
      facts: facts([weight(10, 30), pause(31, '1m')]),
      errors: [
        {
          messageId: 'shortPause',
          ...at(31),
          pointer: '/rollout/stages/0/bake',
          data: { pause: '1m', bake: '15m', stage: '`canary-10`' },
        },
      ],
    },
    {
      name: 'no pause at all',
      plan,
      facts: facts([weight(10, 30)]),
      errors: [
        { messageId: 'shortPause', ...at(30), pointer: '/rollout/stages/0/bake', data: { pause: 'not at all' } },
      ],
    },
    {
      name: 'gated stages with no analysis',
      plan,
      facts: facts([weight(10, 30), pause(31, '15m')], { background: undefined }),
      errors: [
        { messageId: 'noAnalysis', ...at(2), pointer: '/rollout/stages/1/gates', data: { weight: '100' } },
        {
          messageId: 'noAnalysis',
          ...at(30),
          pointer: '/rollout/stages/0/gates',
          data: { weight: '10', metrics: '`ok_rate`' },
        },
      ],
    },
    {
      name: 'an analysis that measures something else',
      plan,
      facts: facts(
        [weight(10, 30), pause(31, '15m')],
        {},
        {
          analysisTemplates: [{ name: 'gates', file: 'x', line: 1, metrics: [{ name: 'cpu', line: 3 }] }],
        },
      ),
      errors: [
        {
          messageId: 'unmeasured',
          ...at(40),
          pointer: '/rollout/stages/0/gates/0/metric',
          data: { metric: 'ok_rate' },
        },
        { messageId: 'unmeasured', ...at(40), pointer: '/rollout/stages/1/gates/0/metric' },
      ],
    },
    {
      name: 'a blue-green Rollout for a canary plan',
      plan,
      facts: facts([], { strategy: 'blue-green' }),
      errors: [{ messageId: 'strategy', ...at(2), pointer: '/rollout/strategy' }],
    },
  ],
});

import type { RolloutControllerFact } from './facts';
import { comparison, comparisons, controllerOf, controllerStages } from './infrastructure';

describe('comparisons in a PromQL expression or an analysis condition', () => {
  it.each([
    ['ok_rate < 50', [{ operator: '<', value: 50 }]],
    ['50 > ok_rate', [{ operator: '<', value: 50 }]],
    ['sum(rate(x[5m])) / sum(rate(y[5m])) <= 0.95', [{ operator: '<=', value: 0.95 }]],
    ['histogram_quantile(0.95, sum(rate(h_bucket[5m])) by (le)) > bool 1.5', [{ operator: '>', value: 1.5 }]],
    ['result[0] >= 95', [{ operator: '>=', value: 95 }]],
    ['up == 0', []],
  ])('%s', (expr, expected) => expect(comparisons(expr)).toEqual(expected));

  it('has one comparison only when the expression holds exactly one', () => {
    expect(comparison('result[0] >= 0.9 && result[0] <= 1')).toBeUndefined();
    expect(comparison(undefined)).toBeUndefined();
    expect(comparison('x > 2')).toEqual({ operator: '>', value: 2 });
  });
});

describe('controller stages', () => {
  const rollout = (steps: RolloutControllerFact['steps']): RolloutControllerFact => ({
    kind: 'argo-rollouts',
    name: 'api',
    file: 'k8s/rollout.yaml',
    line: 1,
    strategy: 'canary',
    steps,
  });

  it('groups pauses and analyses under their weight, and adds the promotion to 100%', () => {
    const stages = controllerStages(
      rollout([
        { kind: 'weight', weight: 10, line: 5 },
        { kind: 'pause', duration: '5m', line: 6 },
        { kind: 'pause', duration: '10m', line: 7 },
        { kind: 'analysis', templates: ['gates'], line: 8 },
        { kind: 'weight', weight: 50, line: 9 },
        { kind: 'pause', line: 10 },
      ]),
    );
    expect(stages).toEqual([
      {
        weight: 10,
        line: 5,
        pauseMs: 15 * 60_000,
        waitsForPromotion: false,
        pause: { line: 6 },
        analyses: [{ templates: ['gates'], line: 8 }],
      },
      { weight: 50, line: 9, pauseMs: 0, waitsForPromotion: true, pause: { line: 10 }, analyses: [] },
      { weight: 100, line: 1, pauseMs: 0, waitsForPromotion: false, analyses: [] },
    ]);
  });

  it("picks the project's controller by name, else the only one", () => {
    const a = rollout([]);
    const b = { ...a, name: 'worker' };
    const infra = {
      controllers: [a, b],
      analysisTemplates: [],
      alertRules: [],
      recordingRules: [],
      flags: [],
      notUnderstood: [],
    };
    expect(controllerOf(infra, 'worker')).toBe(b);
    expect(controllerOf(infra, 'web')).toBeUndefined();
    expect(controllerOf(undefined, 'api')).toBeUndefined();
  });
});

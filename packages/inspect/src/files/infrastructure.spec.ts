import { readInfrastructure } from './infrastructure';

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: orders-api
spec:
  strategy:
    canary:
      analysis:
        templates:
          - templateName: background
      steps:
        - setWeight: 10
        - pause: { duration: 15m }
        - analysis:
            templates:
              - templateName: gates
        - setWeight: 50
        - pause: {}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: gates
spec:
  metrics:
    - name: order_success_rate
      interval: 1m
      count: 10
      failureLimit: 2
      successCondition: result[0] >= 95
      provider:
        prometheus:
          query: order_success_rate
`;

const RULES = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: orders-api
spec:
  groups:
    - name: orders-api
      interval: 30s
      rules:
        - record: order_success_rate
          expr: 100 * sum(rate(ok[5m])) / sum(rate(all[5m]))
        - alert: OrdersBroken
          expr: order_success_rate < 50
          for: 2m
          labels: { severity: page }
`;

const CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: storefront
spec:
  analysis:
    interval: 5m
    threshold: 3
    maxWeight: 30
    stepWeight: 10
    metrics:
      - name: request-success-rate
        thresholdRange: { min: 99 }
        interval: 1m
`;

const FLAGD_CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
data:
  flags.flagd.json: |
    {
      "flags": {
        "express-checkout": {
          "state": "ENABLED",
          "variants": { "on": true, "off": false },
          "defaultVariant": "off"
        }
      }
    }
`;

describe('readInfrastructure', () => {
  const facts = readInfrastructure([
    { file: 'k8s/rollout.yaml', text: ROLLOUT },
    { file: 'k8s/rules.yaml', text: RULES },
    { file: 'k8s/canary.yaml', text: CANARY },
    { file: 'k8s/flags.yaml', text: FLAGD_CONFIGMAP },
    {
      file: 'prometheus/alerts.rules.yml',
      text: 'groups:\n  - name: g\n    rules:\n      - alert: Slow\n        expr: p95 > 1\n',
    },
    { file: 'k8s/helm-rollout.yaml', text: 'kind: Rollout\nmetadata:\n  name: {{ .Release.Name }}\n' },
    { file: 'k8s/deployment.yaml', text: 'kind: Deployment\nmetadata:\n  name: x\n' },
  ]);

  it("reads an Argo Rollout's steps and background analysis, each at its line and column", () => {
    expect(facts.controllers[0]).toEqual({
      kind: 'argo-rollouts',
      name: 'orders-api',
      file: 'k8s/rollout.yaml',
      line: 1,
      column: 1,
      strategy: 'canary',
      // Each step at its first key, after the `- `.
      steps: [
        { kind: 'weight', weight: 10, line: 12, column: 11 },
        { kind: 'pause', duration: '15m', line: 13, column: 11 },
        { kind: 'analysis', templates: ['gates'], line: 14, column: 11 },
        { kind: 'weight', weight: 50, line: 17, column: 11 },
        { kind: 'pause', line: 18, column: 11 },
      ],
      background: { templates: ['background'], line: 8, column: 7 },
    });
  });

  it('reads an AnalysisTemplate in the same file, after the document separator', () => {
    expect(facts.analysisTemplates).toEqual([
      {
        name: 'gates',
        file: 'k8s/rollout.yaml',
        line: 20,
        column: 1,
        metrics: [
          {
            name: 'order_success_rate',
            line: 26,
            column: 7,
            interval: '1m',
            count: 10,
            failureLimit: 2,
            successCondition: 'result[0] >= 95',
            query: 'order_success_rate',
          },
        ],
      },
    ]);
  });

  it('reads the alerting rules of a PrometheusRule and of a plain rule file, not the recording rules', () => {
    expect(facts.alertRules).toEqual([
      {
        alert: 'OrdersBroken',
        expr: 'order_success_rate < 50',
        for: '2m',
        interval: '30s',
        labels: { severity: 'page' },
        file: 'k8s/rules.yaml',
        line: 12,
        column: 11,
      },
      { alert: 'Slow', expr: 'p95 > 1', labels: {}, file: 'prometheus/alerts.rules.yml', line: 4, column: 9 },
    ]);
  });

  it("reads a Flagger Canary's weights, interval and metrics", () => {
    const canary = facts.controllers[1];
    expect(canary.steps.filter((s) => s.kind === 'weight').map((s) => (s.kind === 'weight' ? s.weight : 0))).toEqual([
      10, 20, 30,
    ]);
    expect(canary.steps[1]).toEqual({ kind: 'pause', duration: '5m', line: 7, column: 5 });
    expect(canary.metrics).toEqual([{ name: 'request-success-rate', min: 99, interval: '1m', line: 12, column: 9 }]);
    expect(canary.failureLimit).toBe(3);
  });

  it('reads flagd definitions inside a ConfigMap, at the line of the key (its column is not known)', () => {
    expect(facts.flags).toEqual([
      {
        key: 'express-checkout',
        provider: 'flagd',
        defaultVariant: 'off',
        defaultValue: false,
        enabled: true,
        file: 'k8s/flags.yaml',
        line: 9,
      },
    ]);
  });

  it('reads flagd JSON written on the line of its ConfigMap key, at that line', () => {
    const text =
      'kind: ConfigMap\nmetadata: { name: flags }\ndata:\n  flags.json: ' +
      `'{"flags": {"dark-mode": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}}}'\n`;
    const found = readInfrastructure([{ file: 'k8s/flags.yaml', text }]).flags;
    expect(found).toEqual([expect.objectContaining({ key: 'dark-mode', line: 4 })]);
    expect(found[0].column).toBeUndefined();
  });

  it("reads alert rules whose annotations use Prometheus' own {{ $labels }} templates", () => {
    const rules = readInfrastructure([
      {
        file: 'alerts.rules.yml',
        text:
          'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n' +
          '        annotations:\n          summary: "{{ $labels.instance }} is down ({{ $value }})"\n',
      },
    ]);
    expect(rules.alertRules.map((r) => r.alert)).toEqual(['Down']);
    expect(rules.notUnderstood).toEqual([]);
  });

  it('says where a Rollout file is not YAML', () => {
    const broken = readInfrastructure([{ file: 'k8s/rollout.yaml', text: 'kind: Rollout\nspec:\n  steps: [\n' }]);
    expect(broken.notUnderstood).toEqual([
      { file: 'k8s/rollout.yaml', line: 4, column: 1, reason: 'it is not valid YAML here', about: 'rollout' },
    ]);
  });

  it('says a templated file was not understood, and ignores manifests of other kinds', () => {
    expect(facts.notUnderstood).toEqual([
      {
        file: 'k8s/helm-rollout.yaml',
        line: 3,
        column: 9,
        reason: expect.stringMatching(/template/),
        about: 'rollout',
      },
    ]);
    expect(facts.controllers).toHaveLength(2);
  });
});

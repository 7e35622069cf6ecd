// `render --format argo-rollouts|flagger|prometheus-rules`: what it writes is valid for the
// controllers' CRD schemas, and the check reads it back with no finding (the plan is the source).
// The examples' own rollout, alerting and flag manifests are held to the same schemas.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { dump, loadAll } from 'js-yaml';
import { AnalysisTemplate, Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const examples = path.join(repo, 'examples');
const ajv = new Ajv2020({ allErrors: true, strict: false });
const flaggerSchema = ajv.compile(JSON.parse(fs.readFileSync(path.join(repo, 'specs/flagger.schema.json'), 'utf8')));
const featureFlagSchema = ajv.compile(
  JSON.parse(fs.readFileSync(path.join(repo, 'specs/openfeature-featureflag.schema.json'), 'utf8')),
);

/** Validates one manifest against its kind's schema; throws with the schema's complaint. */
function validate(doc: Record<string, unknown>): string {
  const kind = String(doc.kind);
  const withAjv = (check: typeof flaggerSchema) => {
    if (!check(doc)) throw new Error(`${kind}: ${ajv.errorsText(check.errors)}`);
  };
  // The models validate whatever they are given against the CRD schema; their types are for building.
  if (kind === 'Rollout') new Rollout(doc as unknown as ConstructorParameters<typeof Rollout>[0]).validate();
  else if (kind === 'AnalysisTemplate')
    new AnalysisTemplate(doc as unknown as ConstructorParameters<typeof AnalysisTemplate>[0]).validate();
  else if (kind === 'PrometheusRule')
    new PrometheusRule(doc as unknown as ConstructorParameters<typeof PrometheusRule>[0]).validate();
  else if (kind === 'Canary' || kind === 'MetricTemplate') withAjv(flaggerSchema);
  else if (kind === 'FeatureFlag') withAjv(featureFlagSchema);
  else return '';
  return kind;
}
const manifests = (text: string) => loadAll(text).filter(Boolean) as Record<string, unknown>[];

const WITH_STAGES = ['orders-api', 'catalog-api', 'invoice-worker', 'storefront-web'];
const ALL = [...WITH_STAGES, 'billing-db'];

describe("the examples' rollout, alerting and flag manifests", () => {
  it.each(ALL)('%s: each is valid for its CRD schema', (name) => {
    const dir = path.join(examples, name, 'k8s');
    const kinds = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.yaml'))
          .flatMap((f) => manifests(fs.readFileSync(path.join(dir, f), 'utf8')).map(validate))
      : [];
    if (name === 'orders-api')
      expect(kinds).toEqual(expect.arrayContaining(['Rollout', 'AnalysisTemplate', 'PrometheusRule', 'FeatureFlag']));
    if (name === 'catalog-api')
      expect(kinds).toEqual(expect.arrayContaining(['Canary', 'MetricTemplate', 'PrometheusRule']));
  });

  it('flagd definition files are valid flagd definitions', () => {
    const file = JSON.parse(fs.readFileSync(path.join(examples, 'catalog-api/k8s/flags.flagd.json'), 'utf8'));
    expect(
      featureFlagSchema({
        apiVersion: 'core.openfeature.dev/v1beta1',
        kind: 'FeatureFlag',
        metadata: { name: 'x' },
        spec: { flagSpec: file },
      }),
    ).toBe(true);
  });

  it('the schemas reject what the controllers would reject', () => {
    expect(() =>
      validate({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'x' },
        spec: { strategy: { canary: { steps: [{ setWeight: 'ten' }] } } },
      }),
    ).toThrow(/setWeight/);
    expect(() =>
      validate({
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        metadata: { name: 'x' },
        spec: {
          targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' },
          service: { port: 80 },
          analysis: { interval: 'often', threshold: 1 },
        },
      }),
    ).toThrow(/interval/);
    expect(() =>
      validate({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'x' },
        spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] },
      }),
    ).toThrow(/expr/);
  });
});

describe('render --format argo-rollouts|flagger|prometheus-rules', () => {
  let ws: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-render-'));
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  /**
   * The example without its own rollout and alerting manifests, for rendered ones to replace. A
   * Rollout that holds the pods becomes the Deployment the rendered Rollout refers to.
   */
  function bare(name: string): string {
    const dir = path.join(ws, name);
    fs.cpSync(path.join(examples, name), dir, { recursive: true });
    const k8s = path.join(dir, 'k8s');
    for (const f of fs.existsSync(k8s) ? fs.readdirSync(k8s) : []) {
      const file = path.join(k8s, f);
      const text = fs.readFileSync(file, 'utf8');
      if (!/^kind: (Rollout|AnalysisTemplate|Canary|MetricTemplate|PrometheusRule)$/m.test(text)) continue;
      const pods = manifests(text).filter((d) => d.kind === 'Rollout');
      fs.rmSync(file);
      for (const r of pods) {
        const { replicas, selector, template } = r.spec as Record<string, unknown>;
        const spec = { replicas, selector, template };
        fs.writeFileSync(
          path.join(k8s, 'deployment.yaml'),
          dump({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: r.metadata, spec }),
        );
      }
    }
    return dir;
  }

  const render = (dir: string, format: string, out: string, ...more: string[]) =>
    runCli(['render', dir, '--format', format, '-o', out, ...more], ws);

  it.each(WITH_STAGES)(
    '%s: the Rollout and its alert rules are valid and check clean against the plan',
    async (name) => {
      const dir = bare(name);
      const rollout = path.join(dir, 'k8s/rendered-rollout.yaml');
      const rules = path.join(dir, 'k8s/rendered-rules.yaml');
      fs.mkdirSync(path.dirname(rollout), { recursive: true });
      expect((await render(dir, 'argo-rollouts', rollout)).code).toBe(0);
      expect((await render(dir, 'prometheus-rules', rules)).code).toBe(0);
      const kinds = [rollout, rules].flatMap((f) => manifests(fs.readFileSync(f, 'utf8')).map(validate));
      expect(kinds).toEqual(expect.arrayContaining(['Rollout', 'AnalysisTemplate', 'PrometheusRule']));
      const { code, stdout } = await runCli(['check', dir, '--fail-on', 'minor', '--format', 'json', '--no-cache'], ws);
      const report = JSON.parse(stdout) as { diagnostics: { ruleId: string; message: string }[] };
      expect(report.diagnostics).toEqual([]);
      expect(code).toBe(0);
    },
  );

  it('catalog-api: the Flagger Canary and its MetricTemplates are valid and check clean against the plan', async () => {
    const dir = bare('catalog-api');
    const canary = path.join(dir, 'k8s/rendered-canary.yaml');
    expect((await render(dir, 'flagger', canary, '--service-port', '8080')).code).toBe(0);
    expect((await render(dir, 'prometheus-rules', path.join(dir, 'k8s/rendered-rules.yaml'))).code).toBe(0);
    expect(manifests(fs.readFileSync(canary, 'utf8')).map(validate)).toEqual([
      'Canary',
      'MetricTemplate',
      'MetricTemplate',
    ]);
    const { code, stdout } = await runCli(['check', dir, '--fail-on', 'minor', '--no-cache'], ws);
    expect(stdout).toMatch(/✔ 1 plan checked, no problems\./);
    expect(code).toBe(0);
  });

  it('says why a plan cannot be written as a Flagger Canary', async () => {
    const dir = bare('orders-api');
    const { code, stderr } = await render(dir, 'flagger', path.join(dir, 'canary.yaml'));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /Cannot render flagger: Flagger runs one analysis at every step, but the plan's stages differ/,
    );
    expect(fs.existsSync(path.join(dir, 'canary.yaml'))).toBe(false);
  });

  it('never writes over a file it did not write, and replaces its own', async () => {
    const dir = bare('orders-api');
    const mine = path.join(dir, 'k8s/rules.yaml');
    fs.writeFileSync(mine, '# my own rules\n');
    const refused = await render(dir, 'prometheus-rules', mine);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists and was not written by deploy-plan; pass --overwrite/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('# my own rules\n');
    const ours = path.join(dir, 'k8s/rendered-rules.yaml');
    expect((await render(dir, 'prometheus-rules', ours)).code).toBe(0);
    expect((await render(dir, 'prometheus-rules', ours)).code).toBe(0);
    expect(fs.readFileSync(ours, 'utf8')).toMatch(/^# Generated by deploy-plan from /);
  });
});

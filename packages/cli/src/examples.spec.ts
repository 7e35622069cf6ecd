// The bundled examples pass every policy at the strictest fail level, and a deliberately broken
// copy of each (under __fixtures__/broken-examples) fails with exactly the findings listed here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareCheck } from './prepare';

const repo = path.resolve(__dirname, '../../..');
const examples = path.join(repo, 'examples');
const NAMES = ['billing-db', 'catalog-api', 'invoice-worker', 'orders-api', 'storefront-web'];

describe('examples', () => {
  it('pass every policy: gold, no finding at any severity', () => {
    const { result } = prepareCheck({ root: repo, paths: [examples], cache: false });
    expect(result.plans.map((p) => [p.project, p.readiness])).toEqual(NAMES.map((n) => [n, 'gold']));
    expect(result.diagnostics).toEqual([]);
    expect(result.configDiagnostics).toEqual([]);
  });
});

const BROKEN: Record<string, string[]> = {
  'billing-db': [
    'deploy-plan.yaml 38:35 functionality/edge-cases-handled unknownHandler',
    'deploy-plan.yaml 152:13 migrations/ordered expandTooLate',
    'deploy-plan.yaml 153:19 migrations/reversible irreversible',
    'deploy-plan.yaml 232:20 rollback/level-time-budget overBudget',
    'deploy-plan.yaml 243:7 rollback/time-to-detect tooSlow',
  ],
  // The plan as in the example; its Canary, alert rules and flag definitions disagree with it.
  'catalog-api': [
    'k8s/alerts-chart.yaml 4:9 monitoring/alerts-match-rules notUnderstood',
    'k8s/canary.yaml 15:5 rollout/controller-matches-stages shortPause',
    'k8s/canary.yaml 15:5 rollout/controller-matches-stages shortPause',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis threshold',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis interval',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis threshold',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis interval',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis threshold',
    'k8s/canary.yaml 22:9 rollout/gates-match-analysis interval',
    'k8s/canary.yaml 28:9 rollout/gates-match-analysis interval',
    'k8s/canary.yaml 28:9 rollout/gates-match-analysis interval',
    'k8s/canary.yaml 28:9 rollout/gates-match-analysis interval',
    'k8s/flags.flagd.json 3:5 flags/definitions-match otherDefault',
    'k8s/flags.flagd.json 8:5 flags/definitions-match notPlanned',
    'k8s/prometheus-rule.yaml 22:11 monitoring/alerts-match-rules otherFor',
    'k8s/prometheus-rule.yaml 28:11 monitoring/alerts-match-rules otherComparison',
    'k8s/prometheus-rule.yaml 28:11 monitoring/alerts-match-rules otherComparison',
  ],
  'invoice-worker': [
    'deploy-plan.yaml 124:19 deployment/dependency-order cycle',
    'deploy-plan.yaml 190:13 rollout/bake-covers-gates tooShort',
    'deploy-plan.yaml 190:13 rollout/bake-covers-gates tooShort',
    'deploy-plan.yaml 228:13 code/metrics-emitted notEmitted',
    'deploy-plan.yaml 317:5 rollback/data-loss-trigger missing',
  ],
  'orders-api': [
    'deploy-plan.yaml 152:11 project/commands-exist noScript',
    'deploy-plan.yaml 175:11 code/health-route-exists notFound',
    'deploy-plan.yaml 175:11 project/probes-match-health-checks notProbed',
    'deploy-plan.yaml 184:14 flags/safe-default defaultOn',
    'deploy-plan.yaml 270:19 monitoring/threshold-order wrongOrder',
    'deploy-plan.yaml 302:14 monitoring/alerts-match-thresholds mismatch',
    'deploy-plan.yaml 341:20 rollback/level-time-budget overBudget',
    'deploy-plan.yaml 352:7 rollback/time-to-detect tooSlow',
    'deploy-plan.yaml 360:20 rollback/immediate-triggers unknownHealthCheck',
    'k8s/feature-flags.yaml 9:7 flags/definitions-match otherDefault',
    'k8s/prometheus-rule.yaml 17:11 monitoring/alerts-match-rules slowRule',
    'k8s/rollout.yaml 28:11 project/probes-match-health-checks unknownProbe',
    'src/config.ts 13:14 code/env-matches undeclared',
  ],
  'storefront-web': [
    'app/checkout/page.tsx 20:8 code/undeclared-flags undeclared',
    'deploy-plan.yaml 69:3 functionality/flows-for-code-types missing',
    'deploy-plan.yaml 135:10 code/flags-guard-code notRead',
    'deploy-plan.yaml 150:5 env/described noDescription',
    'deploy-plan.yaml 312:15 monitoring/known-metrics unknownMetric',
  ],
};

describe.each(NAMES)('a broken copy of %s', (name) => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-broken-'));
    fs.cpSync(path.join(examples, name), path.join(root, name), { recursive: true });
    // The broken copy's files (its plan, and for some its manifests) replace the example's.
    fs.cpSync(path.join(__dirname, '__fixtures__/broken-examples', name), path.join(root, name), { recursive: true });
    fs.writeFileSync(path.join(root, 'nx.json'), '{}');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('fails with the expected findings', () => {
    const { result } = prepareCheck({ root, paths: [], cache: false });
    const found = result.diagnostics.map(
      (d) => `${d.file.slice(name.length + 1)} ${d.line}:${d.column} ${d.ruleId} ${d.messageId}`,
    );
    expect(found).toEqual(BROKEN[name]);
    expect(result.plans[0].readiness).toBe('none');
  });
});

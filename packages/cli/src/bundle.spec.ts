import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `npm run build` bundles the CLI into dist/deploy-plan.cjs (tools/bundle-cli.mjs), replacing
// js-yaml's Babel spread helper with Object.assign. The bundle must report exactly what the
// compiled modules (stock js-yaml from node_modules) report, on YAML of every shape.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');
const modules = path.join(repo, 'packages/cli/dist/cli.js');

const good = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: { name: orders-api }
spec:
  template:
    spec:
      containers:
        - name: app
          image: "registry.example.com/orders-api:1.0.0"
          livenessProbe:
            httpGet: { path: /health/live, port: 3000 }
          readinessProbe:
            httpGet:
              path: '/healthz'
              port: http
---
apiVersion: v1
kind: Service
metadata:
  name: &name orders-api
  labels: { app: *name }
`;

/** Plans that exercise js-yaml's options and constructors: each is checked by both builds. */
const PLANS: Record<string, string> = {
  good,
  anchors: good.replace('owner: team-orders', 'owner: &owner team-orders\nx-owner: *owner'),
  duplicateKey: good.replace('owner: team-orders', 'owner: team-orders\nowner: team-billing'),
  twoDocuments: `${good}\n---\nproject: second\n`,
  syntax: 'project: [unclosed\n',
  tabs: 'project: orders-api\n\towner: team\n',
  notAMapping: '- just\n- a list\n',
  empty: '# nothing here\n',
  quoted: good.replace('owner: team-orders', 'owner: "team-\\x6Frders"'),
  deep: `project: deep\nx: ${'['.repeat(80)}${']'.repeat(80)}\n`,
};

describe('the bundled CLI', () => {
  let ws: string;
  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bundle-'));
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    for (const [name, plan] of Object.entries(PLANS)) {
      const dir = path.join(ws, 'apps', name);
      fs.mkdirSync(path.join(dir, 'k8s'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'deploy-plan.yaml'), plan);
      fs.writeFileSync(path.join(dir, 'k8s', 'deployment.yaml'), MANIFEST);
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, scripts: { build: 'tsc', test: 'jest' } }));
    }
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('is the one the launcher runs, with js-yaml\'s spread helper replaced', () => {
    // The launcher runs the bundle only while no package it was made from is newer (else the
    // comparison below would compare the modules with themselves): `npm test` builds first.
    const dist = path.join(repo, 'packages/cli/dist');
    const made = fs.statSync(path.join(dist, 'deploy-plan.cjs')).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(path.join(dist, 'deploy-plan.inputs.json'), 'utf8')) as string[];
    expect(inputs.filter((input) => fs.statSync(path.join(dist, input)).mtimeMs > made)).toEqual([]);
    const bundle = fs.readFileSync(path.join(repo, 'packages/cli/dist/deploy-plan.cjs'), 'utf8');
    expect(bundle).toContain('Object.assign(e, arguments[r])');
    expect(bundle).not.toContain('Object.defineProperties(e, Object.getOwnPropertyDescriptors(t))');
  });

  it('reports exactly what the compiled modules with stock js-yaml report', () => {
    const args = ['check', '--format', 'json', '--now', '2026-11-27', '--concurrency', 'off', '--no-cache'];
    const env = { ...process.env, DEPLOY_PLAN_COMPILE_CACHE: 'off' };
    const viaBundle = spawnSync(process.execPath, [bin, ...args], { cwd: ws, encoding: 'utf8', env });
    const script = `require(${JSON.stringify(modules)}).main(process.argv.slice(1)).then((code) => { process.exitCode = code; })`;
    const viaModules = spawnSync(process.execPath, ['-e', script, ...args], { cwd: ws, encoding: 'utf8', env });
    expect(viaBundle.stderr).toBe('');
    expect(viaModules.stderr).toBe('');
    expect(viaBundle.status).toBe(viaModules.status);
    const report = JSON.parse(viaBundle.stdout);
    expect(report).toEqual(JSON.parse(viaModules.stdout));
    // Not vacuous: every plan was read, and the YAML problems and manifest facts were found.
    expect(report.plans).toHaveLength(Object.keys(PLANS).length);
    const rules = new Set(report.diagnostics.map((d: { ruleId: string; messageId: string }) => `${d.ruleId}:${d.messageId}`));
    const expected = ['duplicateKey', 'multipleDocuments', 'syntaxError', 'tabIndentation', 'tooDeep'].map((m) => `plan/yaml-syntax:${m}`);
    // The manifest was parsed: its readiness probe calls a path the plans do not declare.
    expected.push('plan/not-a-plan:notAMapping', 'plan/not-a-plan:empty', 'project/probes-match-health-checks:unknownProbe');
    for (const id of expected) {
      expect(rules).toContain(id);
    }
  });
});

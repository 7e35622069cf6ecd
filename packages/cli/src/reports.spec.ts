import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { builtinPolicies } from '@deploy-plan/policies';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(
  JSON.parse(fs.readFileSync(path.join(repo, 'specs/sarif-schema-2.1.0.json'), 'utf8')),
);

let ws: string;
beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-reports-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  for (const name of ['orders-api', 'invoice-worker'])
    fs.cpSync(path.join(repo, 'examples', name), path.join(ws, 'apps', name), { recursive: true });
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

/** Makes orders-api's readiness handler stop checking its dependencies: a finding in code, claimed in the plan. */
function breakReadiness() {
  const file = path.join(ws, 'apps/orders-api/src/routes/health.ts');
  const text = fs.readFileSync(file, 'utf8');
  const broken = text.replace(
    / {2}try \{\n {4}await db\.query[\s\S]*?catch\(\(\) => false\);/,
    '  checks.database = true;\n  checks.payments = true;',
  );
  expect(broken).not.toBe(text);
  fs.writeFileSync(file, broken);
}

describe('deploy-plan check report formats', () => {
  it('writes several formats in one run, each to its file, with stylish on screen', async () => {
    breakReadiness();
    const { code, stdout } = await runCli(
      [
        'check',
        '--no-cache',
        '--format',
        'stylish',
        '--format',
        'sarif=out/report.sarif',
        '--format',
        'junit=out/junit.xml',
        '--format',
        'json=out/report.json',
        '--format',
        'markdown=out/summary.md',
      ],
      ws,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('code/readiness-checks-dependencies');
    expect(fs.readdirSync(path.join(ws, 'out')).sort()).toEqual([
      'junit.xml',
      'report.json',
      'report.sarif',
      'summary.md',
    ]);

    const log = JSON.parse(fs.readFileSync(path.join(ws, 'out/report.sarif'), 'utf8'));
    expect(validateSarif(log)).toBe(true);
    const run = log.runs[0];
    // Every built-in policy is a rule, besides the loading, config, waiver and engine rules.
    const ruleIds: string[] = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const policy of builtinPolicies) expect(ruleIds).toContain(policy.id);
    expect(ruleIds).toEqual(
      expect.arrayContaining([
        'plan/schema',
        'plan/yaml-syntax',
        'config/invalid',
        'waivers/expired',
        'internal/policy-error',
      ]),
    );
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const report = JSON.parse(fs.readFileSync(path.join(ws, 'out/report.json'), 'utf8'));
    expect(run.results).toHaveLength(report.diagnostics.length);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'code/readiness-checks-dependencies');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('apps/orders-api/src/routes/health.ts');
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('apps/orders-api/deploy-plan.yaml');
    expect(result.relatedLocations[0].physicalLocation.region.startLine).toBeGreaterThan(1);

    const xml = fs.readFileSync(path.join(ws, 'out/junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(xml).testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['invoice-worker', 'orders-api']);
    expect(suites.map((s: { failures: string }) => Number(s.failures))).toEqual([0, 1]);
    expect(Number(suites[1].tests)).toBeGreaterThanOrEqual(builtinPolicies.length);

    expect(fs.readFileSync(path.join(ws, 'out/summary.md'), 'utf8')).toContain(
      '| orders-api | not ready | 1 | 0 | 0 | 0 |',
    );
  });

  it("carries each rule's help in SARIF, and links to documentation only under the config's docsBaseUrl", async () => {
    breakReadiness();
    type Rule = { id: string; helpUri?: string; help: { text: string; markdown: string } };
    type Sarif = { runs: { tool: { driver: { rules: Rule[]; informationUri?: string } } }[] };
    const rules = async () =>
      (JSON.parse((await runCli(['check', '--format', 'sarif'], ws)).stdout) as Sarif).runs[0].tool.driver;
    const plain = await rules();
    expect(plain.informationUri).toBeUndefined();
    const rule = plain.rules.find((r) => r.id === 'code/readiness-checks-dependencies')!;
    expect(rule.helpUri).toBeUndefined();
    // The Markdown is the policy's docs page; the text says what it checks and why.
    const page = fs.readFileSync(path.join(repo, 'docs/policies/code/readiness-checks-dependencies.md'), 'utf8');
    expect(rule.help.markdown).toBe(page.replace(/^<!--.*-->\n\n/, ''));
    expect(rule.help.text).toContain(builtinPolicies.find((p) => p.id === rule.id)!.meta.rationale);
    expect(plain.rules.every((r) => r.help.text.length > 0 && !r.helpUri)).toBe(true);
    expect(JSON.stringify(plain)).not.toMatch(/github\.com/);

    fs.writeFileSync(path.join(ws, 'deploy-plan.config.yaml'), 'docsBaseUrl: https://docs.example.com/dp/\n');
    const linked = await rules();
    expect(linked.rules.find((r) => r.id === rule.id)!.helpUri).toBe(
      'https://docs.example.com/dp/code/readiness-checks-dependencies.md',
    );
    const markdown = (await runCli(['check', '--format', 'markdown'], ws)).stdout;
    expect(markdown).toContain('(https://docs.example.com/dp/code/readiness-checks-dependencies.md)');
  });

  it('says why a report cannot be written, and leaves nothing behind', async () => {
    fs.mkdirSync(path.join(ws, 'report.sarif'));
    fs.writeFileSync(path.join(ws, 'reports'), 'a file where a folder should be\n');
    const folder = await runCli(['check', '--format', 'sarif=report.sarif'], ws);
    expect(folder).toMatchObject({ code: 2, stdout: '' });
    expect(folder.stderr).toBe(`deploy-plan: Cannot write ${path.join(ws, 'report.sarif')}: it is a folder.\n`);
    const file = await runCli(['check', '--format', 'junit=reports/junit.xml'], ws);
    expect(file.code).toBe(2);
    expect(file.stderr).toBe(
      `deploy-plan: Cannot write ${path.join(ws, 'reports/junit.xml')}: a file stands where its folder should be.\n`,
    );
    expect(fs.readdirSync(ws).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints GitHub annotations that point into the code', async () => {
    breakReadiness();
    const { code, stdout } = await runCli(['check', '--no-cache', '--format', 'github'], ws);
    expect(code).toBe(1);
    const annotation = /^::error file=apps\/orders-api\/src\/routes\/health\.ts,line=13,col=1,.*$/m.exec(stdout)?.[0];
    expect(annotation).toContain(',title=deploy-plan code/readiness-checks-dependencies::');
  });

  it('reports a plan that does not parse in SARIF and JUnit, with its policies skipped', async () => {
    fs.writeFileSync(path.join(ws, 'apps/invoice-worker/deploy-plan.yaml'), 'project: invoice-worker\n  owner: [\n');
    const { code } = await runCli(['check', '--no-cache', '--format', 'sarif=r.sarif', '--format', 'junit=j.xml'], ws);
    expect(code).toBe(1);
    const log = JSON.parse(fs.readFileSync(path.join(ws, 'r.sarif'), 'utf8'));
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['plan/yaml-syntax']);
    const xml = fs.readFileSync(path.join(ws, 'j.xml'), 'utf8');
    const suite = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(xml).testsuites.testsuite[0];
    expect(Number(suite.failures)).toBe(1);
    expect(Number(suite.skipped)).toBe(builtinPolicies.length);
  });
});

describe('deploy-plan render', () => {
  it('renders a project by name to standard output', async () => {
    const { code, stdout, stderr } = await runCli(['render', 'orders-api'], ws);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# Runbook: orders-api');
    expect(stdout).toContain('> Generated by deploy-plan from `apps/orders-api/deploy-plan.yaml`.');
    expect(stdout).toContain('### Roll back immediately (no discussion)');
    expect(stdout).toContain('- **Plan readiness:** gold');
  });

  it('writes the runbook and the monitoring config, and rewrites its own files', async () => {
    const args = ['render', 'apps/orders-api', '-o', 'docs/runbook.md', '--monitoring-json', 'monitoring.json'];
    const first = await runCli(args, ws);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toBe(
      'Wrote docs/runbook.md (runbook of orders-api, plan readiness gold).\nWrote ' +
        'monitoring.json (monitoring config of orders-api).\n',
    );
    expect(fs.readFileSync(path.join(ws, 'docs/runbook.md'), 'utf8')).toMatch(/^# Runbook: orders-api\n/);
    const monitoring = JSON.parse(fs.readFileSync(path.join(ws, 'monitoring.json'), 'utf8'));
    expect(monitoring.generatedBy).toBe('deploy-plan from apps/orders-api/deploy-plan.yaml');
    expect(monitoring.alerts.orders_broken).toEqual({
      condition: 'order_success_rate < 50',
      action: 'rollback_immediate',
      for: '2m',
    });
    expect((await runCli(args, ws)).code).toBe(0);
  });

  it('refuses to replace a file it did not write, unless --overwrite, and then writes nothing at all', async () => {
    fs.writeFileSync(path.join(ws, 'RUNBOOK.md'), 'my hand-written notes\n');
    const refused = await runCli(['render', 'orders-api', '-o', 'new.md', '--monitoring-json', 'RUNBOOK.md'], ws);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'deploy-plan: RUNBOOK.md exists and was not written by deploy-plan; pass --overwrite to replace it.\n',
    );
    expect(fs.readFileSync(path.join(ws, 'RUNBOOK.md'), 'utf8')).toBe('my hand-written notes\n');
    expect(fs.existsSync(path.join(ws, 'new.md'))).toBe(false);
    const forced = await runCli(['render', 'orders-api', '-o', 'RUNBOOK.md', '--overwrite'], ws);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(ws, 'RUNBOOK.md'), 'utf8')).toMatch(/^# Runbook: orders-api/);
  });

  it('refuses to render a plan with findings at the failing severity, printing them', async () => {
    breakReadiness();
    const { code, stdout, stderr } = await runCli(['render', 'orders-api', '--no-cache', '-o', 'runbook.md'], ws);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      '13:1  critical  The readiness handler for `/health/ready` does not really check its dependencies',
    );
    expect(stderr).toContain(
      'deploy-plan: not rendering apps/orders-api/deploy-plan.yaml: it has findings at ' +
        'critical or above. Fix them, or lower --fail-on.',
    );
    expect(fs.existsSync(path.join(ws, 'runbook.md'))).toBe(false);
  });

  it('refuses a plan that does not match the schema', async () => {
    const file = path.join(ws, 'apps/invoice-worker/deploy-plan.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('owner: ', 'ownr: '));
    const { code, stderr } = await runCli(['render', 'apps/invoice-worker/deploy-plan.yaml'], ws);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\d+:\d+\s+critical\s+Unknown key `ownr`/);
    expect(stderr).toContain('not rendering apps/invoice-worker/deploy-plan.yaml');
  });

  it('suggests a project name when the one given has no plan', async () => {
    const { code, stderr } = await runCli(['render', 'orders-ap'], ws);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `deploy-plan: No project \`orders-ap\` with a deploy-plan.yaml in ${ws}. Did you mean \`orders-api\`? ` +
        'Give a project name, its folder or its plan file.\n',
    );
  });
});

// The adoption baseline end to end: a workspace of failing plans turned green with
// `--suppress-all`, a new finding failing, a fix pruned, the counts in every report, and the
// commit hook reading the file as staged.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const good = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');
/** Alert and rollback thresholds the wrong way round: one critical and one minor finding. */
const LATENCY = ['      thresholds: { alert: 1, rollback: 5 }', '      thresholds: { alert: 5, rollback: 1 }'];
const PAYMENTS = ['      thresholds: { alert: 90, rollback: 50 }', '      thresholds: { alert: 50, rollback: 90 }'];
const broken = good.replace(LATENCY[0], LATENCY[1]);
const SUPPRESSIONS = 'deploy-plan-suppressions.json';

let ws: string;
const plan = (i: number) => path.join(ws, 'apps', `svc-${String(i).padStart(2, '0')}`, 'deploy-plan.yaml');
const entries = () =>
  JSON.parse(fs.readFileSync(path.join(ws, SUPPRESSIONS), 'utf8')) as Record<string, Record<string, { count: number }>>;
const check = (...args: string[]) => runCli(['check', ...args], ws);

beforeAll(() => {
  expect(broken).not.toBe(good);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-suppressions-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  for (let i = 0; i < 20; i++) {
    fs.cpSync(path.join(repo, 'examples/orders-api'), path.dirname(plan(i)), { recursive: true });
    fs.writeFileSync(plan(i), broken.replace('project: orders-api', `project: svc-${i}`));
  }
});
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('the suppressions baseline', () => {
  it('turns 20 failing plans green, counting each failing finding per plan and policy', async () => {
    expect((await check()).code).toBe(1);
    const suppressed = await check('--suppress-all');
    expect(suppressed.stderr).toMatch(/wrote deploy-plan-suppressions\.json: 20 findings in 20 plans accepted for now/);
    expect(suppressed.code).toBe(0);
    const written = entries();
    expect(Object.keys(written)).toHaveLength(20);
    // Only what fails the run (critical by default) is counted; no line numbers are kept.
    expect(written['apps/svc-00/deploy-plan.yaml']).toEqual({ 'monitoring/threshold-order': { count: 1 } });
    const again = await check();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/20 findings accepted for now in deploy-plan-suppressions\.json/);
  });

  it('keeps a finding suppressed when lines above it move', async () => {
    fs.writeFileSync(plan(1), `# a comment added above everything\n\n${fs.readFileSync(plan(1), 'utf8')}`);
    expect((await check()).code).toBe(0);
  });

  it('fails on a new finding, showing every finding of that policy in that plan', async () => {
    const before = fs.readFileSync(plan(3), 'utf8');
    fs.writeFileSync(plan(3), before.replace(PAYMENTS[0], PAYMENTS[1]));
    const { code, stdout } = await check();
    expect(code).toBe(1);
    expect(stdout.match(/critical .* monitoring\/threshold-order/g)).toHaveLength(2);
    expect(stdout).toMatch(/svc-3\s+none\s+2 critical/);
    fs.writeFileSync(plan(3), before);
  });

  it('tells when a fixed finding can be pruned, and --prune-suppressions shrinks the file', async () => {
    fs.writeFileSync(plan(5), good.replace('project: orders-api', 'project: svc-5'));
    const stale = await check();
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(
      new RegExp(
        String.raw`1 suppression in deploy-plan-suppressions\.json no longer matches[^\n]*\n\s+` +
          String.raw`apps/svc-05/deploy-plan\.yaml {2}monitoring/threshold-order: 1 suppressed, 0 found`,
      ),
    );
    expect((await check('--pass-on-unpruned-suppressions')).code).toBe(0);
    const pruned = await check('--prune-suppressions');
    expect(pruned.code).toBe(0);
    expect(Object.keys(entries())).toHaveLength(19);
    expect(entries()).not.toHaveProperty(['apps/svc-05/deploy-plan.yaml']);
  });

  it('shows the suppressed counts in the JSON, SARIF, JUnit and Markdown reports', async () => {
    const out = (name: string) => path.join(ws, 'reports', name);
    const run = await check(
      ...['--format', `json=${out('r.json')}`, '--format', `sarif=${out('r.sarif')}`],
      ...['--format', `junit=${out('r.xml')}`, '--format', `markdown=${out('r.md')}`],
    );
    expect(run.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out('r.json'), 'utf8'));
    expect(json.summary).toMatchObject({ critical: 0, suppressed: 19 });
    expect(json.suppressions).toEqual({ file: SUPPRESSIONS, suppressed: 19, unused: [] });
    expect(json.plans.find((p: { project: string }) => p.project === 'svc-0').counts.suppressed).toBe(1);

    const sarif = JSON.parse(fs.readFileSync(out('r.sarif'), 'utf8'));
    const results = sarif.runs[0].results as { ruleId: string; suppressions?: { kind: string }[] }[];
    const external = results.filter((r) => r.suppressions?.[0].kind === 'external');
    expect(external).toHaveLength(19);
    expect(new Set(external.map((r) => r.ruleId))).toEqual(new Set(['monitoring/threshold-order']));

    const junit = new XMLParser({ ignoreAttributes: false }).parse(fs.readFileSync(out('r.xml'), 'utf8'));
    // The 19 plans' minor findings fail their test cases; the suppressed ones are skipped.
    expect(Number(junit.testsuites['@_failures'])).toBe(19);
    const skipped = (junit.testsuites.testsuite as { testcase: { '@_name': string; skipped?: object }[] }[]).flatMap(
      (s) => s.testcase.filter((c) => c.skipped && c['@_name'] === 'monitoring/threshold-order'),
    );
    expect(skipped).toHaveLength(19);

    const markdown = fs.readFileSync(out('r.md'), 'utf8');
    expect(markdown).toMatch(/19 findings accepted for now in `deploy-plan-suppressions\.json`/);
    expect(markdown).toMatch(/\| Suppressed \|/);
    expect(markdown).toMatch(/\| svc-0 \| not ready \| 0 \| 0 \| 1 \| 0 \| 1 \|/);
  });

  it('suppresses one policy only with --suppress-policy, and refuses an unknown one', async () => {
    fs.rmSync(path.join(ws, SUPPRESSIONS));
    const one = await check('--suppress-policy', 'monitoring/threshold-order', '--fail-on', 'minor');
    // The minor findings of the other policy still fail at --fail-on minor.
    expect(one.code).toBe(1);
    expect(Object.values(entries()).every((e) => Object.keys(e).join() === 'monitoring/threshold-order')).toBe(true);
    const unknown = await check('--suppress-policy', 'monitoring/no-such-policy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown policy: monitoring\/no-such-policy/);
  });

  it('reports a broken suppressions file at its line and column, and suppresses nothing', async () => {
    const kept = fs.readFileSync(path.join(ws, SUPPRESSIONS), 'utf8');
    fs.writeFileSync(
      path.join(ws, SUPPRESSIONS),
      '{\n  "apps/svc-00/deploy-plan.yaml": {\n    "x": { "count": 0 }\n  }\n}\n',
    );
    const { code, stdout } = await check('--format', 'json');
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.configDiagnostics).toEqual([
      expect.objectContaining({ ruleId: 'config/suppressions', file: SUPPRESSIONS, line: 3, column: 5 }),
    ]);
    expect(report.summary.suppressed).toBe(0);
    fs.writeFileSync(path.join(ws, SUPPRESSIONS), kept);
  });
});

describe('the suppressions baseline in the commit hook', () => {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: ws,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    });

  it('reads the file as staged', async () => {
    fs.rmSync(path.join(ws, 'reports'), { recursive: true, force: true });
    expect((await check('--suppress-all')).code).toBe(0);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'adopt deploy-plan with a baseline');
    // A staged edit to a suppressed plan passes.
    fs.appendFileSync(plan(0), '# reviewed\n');
    git('add', '-A');
    expect((await check('--staged')).code).toBe(0);
    // The same edit with the baseline emptied in the working tree only: the staged file counts.
    fs.writeFileSync(path.join(ws, SUPPRESSIONS), '{}\n');
    expect((await check('--staged')).code).toBe(0);
    // Staged, the emptied baseline fails the plan.
    git('add', '-A');
    const staged = await check('--staged');
    expect(staged.code).toBe(1);
    expect(staged.stdout).toMatch(/monitoring\/threshold-order/);
  });
});

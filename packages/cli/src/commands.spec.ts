import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinPolicies } from '@deploy-plan/policies';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const good = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');

let ws: string;
beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cmd-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

function example(plan = good) {
  fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(ws, 'apps/orders'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'apps/orders/deploy-plan.yaml'), plan);
}
const config = (text: string) => fs.writeFileSync(path.join(ws, 'deploy-plan.config.yaml'), text);

describe('deploy-plan explain', () => {
  it('prints what a policy checks, why, its options and examples', async () => {
    const { code, stdout } = await runCli(['explain', 'rollback/time-to-detect'], ws);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# rollback\/time-to-detect\n/);
    expect(stdout).toContain('**Checklist:** `critical-3`: Rollback strategy supports functionality');
    expect(stdout).toContain('## Why');
    expect(stdout).toContain('| `level1` | `"5m"` |');
    expect(stdout).toContain('Fails:');
    expect(stdout).toContain('Passes:');
  });

  it('explains built-in checks too', async () => {
    const { code, stdout } = await runCli(['explain', 'plan/schema'], ws);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^plan\/schema: The plan matches schemas\/deploy-plan.schema.json/);
  });

  it('suggests the closest id for a typo and exits 2', async () => {
    const { code, stderr } = await runCli(['explain', 'rollout/stages-rise-to-ful'], ws);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'deploy-plan: Unknown policy `rollout/stages-rise-to-ful`. Did you mean ' +
        '`rollout/stages-rise-to-full`? Run `deploy-plan policies` to list them.\n',
    );
  });
});

describe('deploy-plan policies', () => {
  it('lists every policy with severity and checklist item', async () => {
    const { code, stdout } = await runCli(['policies'], ws);
    expect(code).toBe(0);
    for (const p of builtinPolicies) expect(stdout).toContain(p.id);
    expect(stdout).toContain(`${builtinPolicies.length} policies.`);
  });

  it('lists them as JSON', async () => {
    const list = JSON.parse((await runCli(['policies', '--format', 'json'], ws)).stdout);
    expect(list).toHaveLength(builtinPolicies.length);
    expect(list[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), severity: expect.any(String), checklist: expect.anything() }),
    );
  });
});

describe('deploy-plan check with config, waivers and the clock', () => {
  const withMinor = good.replace('      unit: percent\n', '');

  it('fails on a minor finding only when asked to', async () => {
    example(withMinor);
    expect((await runCli(['check'], ws)).code).toBe(0);
    expect((await runCli(['check', '--fail-on', 'minor'], ws)).code).toBe(1);
  });

  it('takes failOn from the config; the flag wins over it', async () => {
    example(withMinor);
    config('failOn: minor\n');
    expect((await runCli(['check'], ws)).code).toBe(1);
    expect((await runCli(['check', '--fail-on', 'critical'], ws)).code).toBe(0);
  });

  it('turns a policy off from the config', async () => {
    example(withMinor);
    config('failOn: minor\npolicies:\n  monitoring/metric-hygiene: off\n');
    const { code, stdout } = await runCli(['check'], ws);
    expect(code).toBe(0);
    expect(stdout).toContain('gold');
  });

  it('reports config errors with positions, checks the plans anyway, and exits 2', async () => {
    example();
    config('failOn: never\npolicies:\n  rollout/stage-rise: off\n');
    const { code, stdout, stderr } = await runCli(['check'], ws);
    expect(code).toBe(2);
    expect(stdout).toContain(
      'deploy-plan.config.yaml\n  1:9  critical  `failOn` is "never", which is not one ' +
        'of `critical`, `important` or `minor`.  config/schema',
    );
    expect(stdout).toContain('1 plan checked, no problems');
    expect(stderr).toMatch(/the config has problems/);
  });

  it('applies waivers and expires them against --now', async () => {
    const waived =
      `${withMinor}waivers:\n  - policy: monitoring/metric-hygiene\n` +
      `    reason: Units land with the dashboard rework\n    owner: team-orders\n    expires: "2027-02-01"\n`;
    example(waived);
    const before = await runCli(['check', '--fail-on', 'minor', '--now', '2027-01-20'], ws);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('waived until 2027-02-01 by team-orders: Units land with the dashboard rework');
    const after = await runCli(['check', '--fail-on', 'minor', '--now', '2027-02-02'], ws);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain(
      'The waiver for `monitoring/metric-hygiene` expired on 2027-02-01; its findings count again.',
    );
  });

  it('rejects a malformed --now', async () => {
    const { code, stderr } = await runCli(['check', '--now', 'tomorrow'], ws);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--now takes a date such as 2027-01-31/);
  });

  it('loads extra policies from policyDirs, and a policy that throws exits 2 after reporting', async () => {
    example();
    fs.mkdirSync(path.join(ws, 'tools/policies'), { recursive: true });
    fs.writeFileSync(
      path.join(ws, 'tools/policies/owner-team.js'),
      [
        `module.exports = { id: 'acme/owner-team', meta: { severity: 'minor', checklist: 'minor-1',`,
        `  description: 'd', rationale: 'r', docsUrl: 'https://wiki.example.com/owner-team',`,
        `  messages: { notTeam: 'Owner {{owner}} is not a team.' } },`,
        `  check({ plan, report }) {`,
        `    if (!plan.owner.startsWith('team-x')) {`,
        `      report({ messageId: 'notTeam', data: { owner: plan.owner }, pointer: '/owner' });`,
        `    }`,
        `  } };`,
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(ws, 'tools/policies/broken.js'),
      `module.exports = { id: 'acme/broken', meta: { severity: 'critical', checklist: ` +
        `'critical-1', description: 'd', rationale: 'r', messages: {} }, check() { throw ` +
        `new Error('boom'); } };`,
    );
    fs.writeFileSync(path.join(ws, 'tools/policies/not-a-policy.js'), 'module.exports = 42;');
    config('policyDirs: [tools/policies]\n');
    const { code, stdout } = await runCli(['check', '--fail-on', 'minor'], ws);
    expect(code).toBe(2);
    expect(stdout).toContain('Owner team-orders is not a team.  acme/owner-team');
    expect(stdout).toContain('Policy `acme/broken` failed on this plan: boom.');
    expect(stdout).toContain(
      'Policies in `tools/policies` could not be loaded: not-a-policy.js: it does not export a policy object',
    );
    // A policy's own docs link reaches the reports (SARIF helpUri, each finding's docsUrl).
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif'], ws)).stdout);
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'acme/owner-team').helpUri).toBe(
      'https://wiki.example.com/owner-team',
    );
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'acme/owner-team')).toBeDefined();
  });
});

describe('config problems on a large run', () => {
  it('1,000 plans and one override with invalid options: the config diagnostic and exit 2, every time', async () => {
    const plan = (name: string) =>
      `apiVersion: deploy-plan/v1\nproject: ${name}\nowner: team\ncodeTypes: [utility]\n` +
      `functionality:\n  purpose: Demo\ndeployment:\n  method: package\nrollback: {}\nmonitoring: {}\n`;
    for (let i = 0; i < 1000; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      fs.mkdirSync(path.join(ws, 'apps', name), { recursive: true });
      fs.writeFileSync(path.join(ws, 'apps', name, 'deploy-plan.yaml'), plan(name));
    }
    config(
      'overrides:\n  - projects: [svc-0999]\n    policies:\n      ' +
        'rollback/level-time-budget:\n        options: { level1: soon }\n',
    );
    const runs = [
      await runCli(['check', '--format', 'json', '--no-cache'], ws),
      await runCli(['check', '--format', 'json', '--no-cache'], ws),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as {
        configDiagnostics: { messageId: string; line: number }[];
        plans: unknown[];
      };
      expect(report.plans).toHaveLength(1000);
      expect(report.configDiagnostics.map((d) => [d.messageId, d.line])).toEqual([['badOptions', 5]]);
    }
    expect(runs[0].stdout).toBe(runs[1].stdout);
  });
});

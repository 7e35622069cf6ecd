// Policies from `policyDirs` are code we do not control: whatever they do, the run ends, says
// what happened, and the other policies and plans are still checked.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './testing';

const examples = path.resolve(__dirname, '../../../examples');
let ws: string;

const meta = `{ severity: 'minor', checklist: 'minor-1', description: 'd', rationale: 'r', messages: { m: 'x' } }`;
const policy = (id: string, check: string) => `{ id: '${id}', meta: ${meta}, ${check} }`;

beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-user-policies-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  fs.cpSync(path.join(examples, 'billing-db'), path.join(ws, 'apps/billing-db'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'policies'));
  fs.writeFileSync(path.join(ws, 'deploy-plan.config.yaml'), 'policyDirs: [policies]\n');
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

const bin = path.resolve(__dirname, '../bin/deploy-plan.js');

// The built CLI in its own process: how Node itself loads a module that throws `null`.
const json = (...args: string[]) => {
  const argv = [bin, 'check', '--format', 'json', '--no-cache', ...args];
  const run = spawnSync(process.execPath, argv, { cwd: ws, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as {
    diagnostics: { ruleId: string; messageId: string; message: string }[];
    configDiagnostics: { message: string }[];
  };
  return { code: run.status, stderr: run.stderr, report };
};

describe('user policies', () => {
  it('each failure is one finding: a throw of anything, a promise, an unknown message id', () => {
    const list = [
      policy('acme/async', `async check() { throw new Error('boom'); }`),
      policy('acme/unknown-id', `check({ report }) { report({ messageId: 'toString', pointer: '' }); }`),
      policy('acme/throws-null', `check() { throw null; }`),
      policy('acme/throws-odd', `check() { throw { toString() { throw new Error('no'); } }; }`),
    ];
    fs.writeFileSync(path.join(ws, 'policies/a.js'), `module.exports = [${list.join(', ')}];`);
    fs.writeFileSync(path.join(ws, 'policies/b.js'), 'throw null;');
    const { code, stderr, report } = json();
    expect(stderr).not.toMatch(/internal error|unhandled|at .*\.js:\d+/i);
    expect(code).toBe(2);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([
      ['internal/policy-error', 'async'],
      ['internal/policy-error', 'badReport'],
      ['internal/policy-error', 'threw'],
      ['internal/policy-error', 'threw'],
    ]);
    expect(report.configDiagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('b.js threw while loading: null'),
    ]);
  });

  it('a policy that never returns is stopped by --timeout, naming the policy and the plan (exit 2)', async () => {
    fs.writeFileSync(
      path.join(ws, 'policies/loop.js'),
      `module.exports = ${policy('acme/loops', 'check() { for (;;) {} }')};`,
    );
    const { code, stderr } = await runCli(['check', '--timeout', '3s'], ws);
    expect(code).toBe(2);
    // Where it stops depends on the machine's speed: in the loop, or (slow) still gathering facts.
    const where =
      /(policy `acme\/loops` was checking|gathering [a-z, ]+ facts for) apps\/billing-db\/deploy-plan\.yaml/;
    expect(stderr).toMatch(
      new RegExp(`^deploy-plan: the check did not finish within 3s and was stopped while ${where.source}\\.`),
    );
    expect(stderr).toMatch(/Raise --timeout if the workspace is simply large\.\n$/);
  });

  it('--timeout takes a duration', async () => {
    const { code, stderr } = await runCli(['check', '--timeout', 'soon'], ws);
    expect([code, stderr]).toEqual([
      2,
      'deploy-plan: --timeout takes a duration such as 90s, 10m or 1h, not `soon`.\n',
    ]);
  });
});

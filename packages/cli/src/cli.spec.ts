import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from './cli';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const good = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');

let ws: string;
beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cli-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

function put(rel: string, content: string) {
  const file = path.join(ws, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Copies the orders-api example (code, package.json, manifests) to `dir`, with its plan edited. */
function putExample(dir: string, plan = good) {
  fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(ws, dir), { recursive: true });
  fs.writeFileSync(path.join(ws, dir, 'deploy-plan.yaml'), plan);
}

describe('deploy-plan check', () => {
  it('exits 0 and says so when every plan is clean', async () => {
    putExample('apps/orders');
    const { code, stdout, stderr } = await runCli(['check'], ws);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('✔ 1 plan checked, no problems.\n  orders-api  gold  clean  apps/orders/deploy-plan.yaml\n');
  });

  it('prints stylish findings grouped by file and exits 1', async () => {
    const orders = good.replace('maxDuration: 2m', 'maxDuraton: 2m');
    const other = good.replace('project: orders-api', 'project: other').replace('weight: 10\n', 'weight: ten\n');
    putExample('apps/orders', orders);
    putExample('apps/other', other);
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const a = lineOf(orders, 'maxDuraton');
    const b = lineOf(other, 'weight: ten');
    const { code, stdout } = await runCli(['check'], ws);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'apps/orders/deploy-plan.yaml',
        `  ${a}:7  critical  Unknown key \`maxDuraton\` in \`rollback.levels[0]\`.  plan/schema`,
        '                   Did you mean `maxDuration`?',
        '',
        'apps/other/deploy-plan.yaml',
        `  ${b}:15  critical  \`rollout.stages[0].weight\` must be a number, but it is text ("ten").  plan/schema`,
        '',
        '✖ 2 problems (2 critical, 0 important, 0 minor) in 2 of 2 plans.',
        '  orders-api  none  1 critical  apps/orders/deploy-plan.yaml',
        '  other       none  1 critical  apps/other/deploy-plan.yaml',
        '',
      ].join('\n'),
    );
  });

  it('prints a JSON report with positions and pointers', async () => {
    put('apps/orders/deploy-plan.yaml', good.replace('owner: team-orders\n', ''));
    const { code, stdout } = await runCli(['check', '--format', 'json'], ws);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({
      plans: 1,
      problems: 1,
      critical: 1,
      important: 0,
      minor: 0,
      waived: 0,
      suppressed: 0,
    });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'plan/schema',
        messageId: 'missingKey',
        file: 'apps/orders/deploy-plan.yaml',
        line: 2,
        column: 1,
        pointer: '',
        project: 'orders-api',
      }),
    ]);
    // No documentation link unless the config names where the pages are published.
    expect(report.diagnostics[0]).not.toHaveProperty('docsUrl');
  });

  it('checks only the paths given, relative to the current folder', async () => {
    putExample('apps/a');
    put('apps/b/deploy-plan.yaml', 'broken: [\n');
    const { code, stdout } = await runCli(['check', 'a'], path.join(ws, 'apps'));
    expect(code).toBe(0);
    expect(stdout).toContain('1 plan checked');
  });

  it('exits 2 for a path that does not exist', async () => {
    const { code, stderr } = await runCli(['check', 'nope'], ws);
    expect(code).toBe(2);
    expect(stderr).toBe('deploy-plan: No such file or directory: nope\n');
  });

  it('exits 2 when the paths given hold no plan', async () => {
    fs.mkdirSync(path.join(ws, 'empty'));
    const { code, stderr } = await runCli(['check', 'empty'], ws);
    expect(code).toBe(2);
    expect(stderr).toMatch(/No deploy-plan\.yaml or deploy-plan\.yml found under empty/);
  });

  it('exits 0 with a note when the workspace has no plan yet', async () => {
    const { code, stderr } = await runCli(['check'], ws);
    expect(code).toBe(0);
    expect(stderr).toMatch(/No deploy-plan.yaml or deploy-plan.yml found in the workspace/);
  });

  it('exits 2 on an unknown option or format, with usage help', async () => {
    const unknown = await runCli(['check', '--frmat', 'json'], ws);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frmat'/);
    const format = await runCli(['check', '--format', 'xml'], ws);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Unknown format `xml`; choose from stylish, json/);
    for (const name of ['toString', 'constructor', '__proto__']) {
      const inherited = await runCli(['check', '--format', name], ws);
      expect([inherited.code, inherited.stderr]).toEqual([2, expect.stringMatching(/^deploy-plan: Unknown format/)]);
    }
  });

  it('exits 2 for a bad --max-file-size', async () => {
    const { code, stderr } = await runCli(['check', '--max-file-size', 'lots'], ws);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--max-file-size takes a size/);
  });

  it('reports a plan that is a named pipe, without waiting for a writer, and checks the others', () => {
    putExample('apps/orders');
    fs.mkdirSync(path.join(ws, 'apps/pipe'), { recursive: true });
    spawnSync('mkfifo', [path.join(ws, 'apps/pipe/deploy-plan.yaml')]);
    // The built CLI in a child process, with a deadline: a hang fails the test instead of stalling it.
    const run = spawnSync(
      process.execPath,
      [path.join(repo, 'packages/cli/bin/deploy-plan.js'), 'check', '--format', 'json'],
      { cwd: ws, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.plans).toBe(2);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'plan/unreadable',
        messageId: 'notAFile',
        file: 'apps/pipe/deploy-plan.yaml',
        line: 1,
        column: 1,
        message: '`deploy-plan.yaml` is a named pipe, not a file: a plan is read from a file.',
      }),
    ]);
  });

  it('skips a project file that is a named pipe instead of waiting for a writer', () => {
    putExample('apps/orders');
    fs.rmSync(path.join(ws, 'apps/orders/package.json'));
    spawnSync('mkfifo', [path.join(ws, 'apps/orders/package.json')]);
    // --no-cache: code inspection runs too, and reads the workspace's package.json files.
    const run = spawnSync(
      process.execPath,
      [path.join(repo, 'packages/cli/bin/deploy-plan.js'), 'check', '--no-cache', '--format', 'json'],
      { cwd: ws, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    // Without a readable package.json the plan's `npm run` commands have nothing to run.
    expect(JSON.parse(run.stdout).diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: 'project/commands-exist', messageId: 'noPackageJson' }),
    );
  });

  it('honours --max-file-size', async () => {
    put('apps/a/deploy-plan.yaml', good);
    const { code, stdout } = await runCli(['check', '--max-file-size', '1KiB'], ws);
    expect(code).toBe(1);
    expect(stdout).toMatch(/over the 1024-byte limit/);
  });

  it('shows help for every command and exits 0', async () => {
    const top = await runCli(['--help'], ws);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: deploy-plan \[options\] \[command\]/);
    const check = await runCli(['check', '--help'], ws);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/--fail-on <severity>/);
    expect(check.stdout).toMatch(/Exit codes: 0/);
  });

  it('lists every command in help, and loads only the command it runs', async () => {
    const top = await runCli(['--help'], ws);
    const listed = [...top.stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
    expect(listed).toEqual(['check', 'explain', 'policies', 'inspect', 'render', 'scaffold', 'hook', 'help']);
    put('apps/a/deploy-plan.yaml', 'owner: 1\n');
    // In a fresh process: which modules a plain check loads decides how fast every Nx task starts.
    const cli = path.resolve(__dirname, '../dist/cli.js');
    const script = `require(${JSON.stringify(cli)}).main(['check', ${JSON.stringify(ws)}], {
      cwd: ${JSON.stringify(ws)}, env: {}, stdout() {}, stderr() {}, isTTY: false,
    }).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))))`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const loaded = (JSON.parse(run.stdout) as string[]).map((file) => file.split(path.sep).join('/'));
    const unwanted = new RegExp(
      '/formatters/dist/(index|sarif|junit|html|markdown|github|runbook|controllers)\\.js$|' +
        '/cli/dist/(staged|commands/(hook|render|scaffold|inspect|explain)|hooks/pre-commit)\\.js$',
    );
    expect(loaded.filter((file) => unwanted.test(file))).toEqual([]);
    expect(loaded).toContainEqual(expect.stringMatching(/\/formatters\/dist\/stylish\.js$/));
  });

  it('prints usage and exits 2 without a command', async () => {
    const { code, stderr } = await runCli([], ws);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage: deploy-plan/);
  });

  it('colours output only when asked or on a terminal', async () => {
    put('apps/a/deploy-plan.yaml', 'owner: 1\n');
    expect((await runCli(['check'], ws)).stdout).not.toContain('\u001b[');
    expect((await runCli(['check', '--color'], ws)).stdout).toContain('\u001b[31m');
    expect((await runCli(['check'], ws, { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
  });
});

describe('deploy-plan check --schema-only', () => {
  it('validates without policies, and takes a config that names policies without complaint', async () => {
    putExample('apps/orders', good.replace('owner: team-orders\n', 'owner: team-orders\nowner: twice\n'));
    put('deploy-plan.config.yaml', 'policies:\n  code/env-matches: off\n  rollout/staged: important\n');
    const { code, stdout, stderr } = await runCli(['check', '--schema-only', '--format', 'json'], ws);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.configDiagnostics).toEqual([]);
    expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['plan/yaml-syntax']);
    expect(code).toBe(1);
  });
});

describe('the installed binary', () => {
  const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');

  it('runs as plain Node from the build and exits with the check result', () => {
    put('apps/a/deploy-plan.yaml', good.replace('owner: team-orders\n', ''));
    const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json'], { cwd: ws, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).summary.critical).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('prints its version', () => {
    const run = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(repo, 'packages/cli/package.json'), 'utf8')).version,
    );
  });
});

describe('edges of a run', () => {
  it('writes an empty machine-readable report when the workspace has no plan', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-empty-'));
    fs.writeFileSync(path.join(empty, 'nx.json'), '{}');
    const { code, stdout, stderr } = await runCli(['check', '--format', 'json'], empty);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { plans: unknown[]; diagnostics: unknown[] }).plans).toEqual([]);
    expect(stderr).toMatch(/^No deploy-plan\.yaml or deploy-plan\.yml found in the workspace/);
    expect(await runCli(['check'], empty)).toMatchObject({ code: 0, stdout: '' });
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('says an internal error in one short line, whatever the error holds', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-internal-'));
    fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(ws, 'apps/orders-api'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    let stderr = '';
    const io = {
      cwd: ws,
      env: {},
      isTTY: false,
      stdout: () => {
        throw new Error(`disk on fire \u001b[31m${'x'.repeat(5000)}\n\tat somewhere`);
      },
      stderr: (t: string) => void (stderr += t),
    };
    expect(await main(['check'], io)).toBe(2);
    const first = stderr.split('\n')[0];
    expect(first).toMatch(/^deploy-plan: internal error: disk on fire \\x1b\[31mx+…$/);
    expect(first.length).toBeLessThan(360);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});

describe('deploy-plan inspect', () => {
  it('says why a folder had no source to inspect, and counts the sources when it had', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-inspect-'));
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    fs.mkdirSync(path.join(ws, 'pkg/dist'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'pkg/dist/index.js'), 'module.exports = 1;\n');
    const empty = await runCli(['inspect', 'pkg', '--no-cache'], ws);
    expect(empty.stdout).toMatch(/No source file inspected: no TypeScript or JavaScript outside the folders skipped/);
    fs.writeFileSync(path.join(ws, 'pkg/index.js'), 'module.exports = 1;\n');
    expect((await runCli(['inspect', 'pkg', '--no-cache'], ws)).stdout).toMatch(/\n1 source files inspected\.\n/);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});

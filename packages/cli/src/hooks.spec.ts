import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOOK_COMMAND, PLAIN_HOOK_COMMAND } from './hooks/pre-commit';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
let ws: string;
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

beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-staged-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  for (const name of ['orders-api', 'invoice-worker'])
    fs.cpSync(path.join(repo, 'examples', name), path.join(ws, 'apps', name), { recursive: true });
  fs.writeFileSync(path.join(ws, 'README.md'), 'workspace\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'initial');
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('deploy-plan check --staged', () => {
  it('does nothing, quietly, when nothing is staged', async () => {
    expect(await runCli(['check', '--staged'], ws)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('does nothing when the staged files belong to no project with a plan', async () => {
    fs.appendFileSync(path.join(ws, 'README.md'), 'more\n');
    git('add', 'README.md');
    expect(await runCli(['check', '--staged'], ws)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('checks only the project that owns a staged source file', async () => {
    fs.appendFileSync(path.join(ws, 'apps/invoice-worker/src/worker.ts'), '\n// touched\n');
    git('add', '-A');
    const quiet = await runCli(['check', '--staged'], path.join(ws, 'apps'));
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const json = await runCli(['check', '--staged', '--format', 'json'], ws);
    expect((JSON.parse(json.stdout) as { plans: { project: string }[] }).plans.map((p) => p.project)).toEqual([
      'invoice-worker',
    ]);
  });

  it('reads the staged plan from the index, not the working tree', async () => {
    const plan = path.join(ws, 'apps/orders-api/deploy-plan.yaml');
    const good = fs.readFileSync(plan, 'utf8');
    fs.writeFileSync(plan, good.replace('      maxDuration: 10m\n', '      maxDuration: 45m\n'));
    git('add', plan);
    fs.writeFileSync(plan, good); // the working tree is fine again; the commit would not be
    const { code, stdout } = await runCli(['check', '--staged'], ws);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /orders-api\/deploy-plan\.yaml\n\s+\d+:\d+\s+critical\s+Rollback level 3 takes up to 45m, over its 15m budget\./,
    );
  });

  const READINESS = /\s+\d+:\d+\s+critical\s+.*code\/readiness-checks-dependencies/;

  it('reads staged code from the index: a partially staged file that breaks a check stops the commit', async () => {
    const health = path.join(ws, 'apps/orders-api/src/routes/health.ts');
    const good = fs.readFileSync(health, 'utf8');
    const unchecked = good
      .replace("    await db.query('SELECT 1');\n", '')
      .replace('  checks.payments = await paymentsClient.ping().catch(() => false);\n', '');
    expect(unchecked).not.toMatch(/db\.query|ping\(/);
    fs.writeFileSync(health, unchecked);
    git('add', health);
    fs.writeFileSync(health, good); // the work tree still checks the database; the commit would not
    const { code, stdout, stderr } = await runCli(['check', '--staged'], ws);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(/apps\/orders-api\/src\/routes\/health\.ts\n/.source + READINESS.source));
    expect(stderr).toBe(
      'deploy-plan: commit stopped. Fix the findings above, or waive one with a reason and an expiry under ' +
        '`waivers:` in its plan (`deploy-plan explain <policy>`); `git commit --no-verify` skips every hook.\n',
    );
    expect(fs.readFileSync(health, 'utf8')).toBe(good);
    git('add', health);
    expect(await runCli(['check', '--staged'], ws)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  describe('a library imported by an app', () => {
    const lib = () => path.join(ws, 'libs/health/src/index.ts');
    const library = (readiness: string) =>
      [
        "import { Router } from 'express';",
        "import { Pool } from 'pg';",
        'const db = new Pool({ connectionString: process.env.DATABASE_URL });',
        'export const healthRouter = Router();',
        "healthRouter.get('/live', (_req, res) => { res.json({ status: 'ok' }); });",
        "healthRouter.get('/ready', async (_req, res) => {",
        `${readiness}  res.json({ status: 'ok' });`,
        '});',
        '',
      ].join('\n');

    beforeEach(() => {
      fs.mkdirSync(path.dirname(lib()), { recursive: true });
      fs.writeFileSync(lib(), library("  await db.query('SELECT 1');\n"));
      const paths = { '@ws/health': ['libs/health/src/index.ts'] };
      fs.writeFileSync(path.join(ws, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: { paths } }));
      const app = path.join(ws, 'apps/orders-api/src/app.ts');
      fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace("from './routes/health'", "from '@ws/health'"));
      fs.rmSync(path.join(ws, 'apps/orders-api/src/routes/health.ts'));
      fs.mkdirSync(path.join(ws, 'libs/unused'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'libs/unused/index.ts'), 'export const unused = 1;\n');
      git('add', '-A');
      git('commit', '-qm', 'health routes in a library');
    });

    it('stops a library-only commit that breaks the app', async () => {
      fs.writeFileSync(lib(), library(''));
      git('add', '-A');
      const { code, stdout } = await runCli(['check', '--staged'], ws);
      expect(code).toBe(1);
      expect(stdout).toMatch(new RegExp(/libs\/health\/src\/index\.ts\n/.source + READINESS.source));
      expect(stdout).toMatch(/orders-api\s+\w+\s+1 critical\s+apps\/orders-api\/deploy-plan\.yaml/);
      expect(stdout).not.toMatch(/invoice-worker/);
    });

    it('passes, quietly, a library-only commit that breaks nothing', async () => {
      fs.writeFileSync(lib(), `// Health routes.\n${library("  await db.query('SELECT 1');\n")}`);
      fs.appendFileSync(path.join(ws, 'libs/unused/index.ts'), 'export const more = 2;\n');
      git('add', '-A');
      expect(await runCli(['check', '--staged'], ws)).toEqual({ code: 0, stdout: '', stderr: '' });
      const json = await runCli(['check', '--staged', '--format', 'json'], ws);
      expect((JSON.parse(json.stdout) as { plans: { project: string }[] }).plans.map((p) => p.project)).toEqual([
        'orders-api',
      ]);
    });
  });

  it('exits 2 outside a git repository', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-nogit-'));
    const { code, stderr } = await runCli(['check', '--staged'], plain);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--staged needs a git repository/);
    fs.rmSync(plain, { recursive: true, force: true });
  });
});

describe('deploy-plan hook install', () => {
  const GIT_LINE = `${PLAIN_HOOK_COMMAND} || exit $?`;
  const hookFile = () => path.join(ws, '.git/hooks/pre-commit');
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  it('writes an executable git hook, says so, and is idempotent', async () => {
    const first = await runCli(['hook', 'install'], ws);
    expect(first).toEqual({
      code: 0,
      stdout: '',
      stderr: `Created .git/hooks/pre-commit (executable) with \`${PLAIN_HOOK_COMMAND}\`.\n`,
    });
    const content = fs.readFileSync(hookFile(), 'utf8');
    expect(content).toContain(PLAIN_HOOK_COMMAND);
    expect(mode(hookFile()) & 0o111).not.toBe(0);
    const second = await runCli(['hook', 'install'], path.join(ws, 'apps'));
    expect(second).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Already present in .git/hooks/pre-commit; nothing changed.\n',
    });
    expect(fs.readFileSync(hookFile(), 'utf8')).toBe(content);
  });

  it('keeps an existing git hook and its mode, and runs the check after it', async () => {
    fs.writeFileSync(hookFile(), '#!/bin/sh\nmake lint\n', { mode: 0o700 });
    fs.chmodSync(hookFile(), 0o700);
    const { code, stderr } = await runCli(['hook', 'install'], ws);
    expect(code).toBe(0);
    expect(stderr).toBe(`Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 3.\n`);
    expect(fs.readFileSync(hookFile(), 'utf8')).toBe(`#!/bin/sh\nmake lint\n${GIT_LINE}\n`);
    expect(mode(hookFile())).toBe(0o700);
  });

  it('keeps a non-executable git hook as it is, and says git skips it', async () => {
    fs.writeFileSync(hookFile(), '#!/bin/sh\nmake lint\n');
    fs.chmodSync(hookFile(), 0o644);
    const { stderr } = await runCli(['hook', 'install'], ws);
    expect(stderr).toBe(
      `Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 3.\n` +
        'Note: .git/hooks/pre-commit is not executable, so git does not run it; ' +
        'make it executable with `chmod +x .git/hooks/pre-commit`.\n',
    );
    expect(mode(hookFile())).toBe(0o644);
  });

  it('adds the check before a final exit, where it runs', async () => {
    fs.writeFileSync(hookFile(), '#!/bin/sh\nmake lint\nexit 0\n', { mode: 0o755 });
    const { stderr } = await runCli(['hook', 'install'], ws);
    expect(stderr).toBe(`Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 3 (before \`exit 0\`).\n`);
    expect(fs.readFileSync(hookFile(), 'utf8')).toBe(`#!/bin/sh\nmake lint\n${GIT_LINE}\nexit 0\n`);
    // The hook finds the workspace's deploy-plan in node_modules/.bin, where git runs it.
    expect(execFileSync(hookFile(), { cwd: ws, encoding: 'utf8', env: { ...process.env, PATH: fakeBin() } })).toBe(
      `make lint\ndeploy-plan check --staged\n`,
    );
  });

  it('extends husky before its final exec, naming the file from the repository root', async () => {
    fs.mkdirSync(path.join(ws, '.husky'));
    fs.writeFileSync(path.join(ws, '.husky/pre-commit'), 'exec npx lint-staged\n', { mode: 0o644 });
    fs.chmodSync(path.join(ws, '.husky/pre-commit'), 0o644);
    const { code, stderr } = await runCli(['hook', 'install'], path.join(ws, 'apps'));
    expect(code).toBe(0);
    expect(stderr).toBe(
      `Added \`${HOOK_COMMAND}\` to .husky/pre-commit at line 1 (before \`exec npx lint-staged\`).\n`,
    );
    expect(fs.readFileSync(path.join(ws, '.husky/pre-commit'), 'utf8')).toBe(`${HOOK_COMMAND}\nexec npx lint-staged\n`);
    expect(mode(path.join(ws, '.husky/pre-commit'))).toBe(0o644);
    expect(fs.existsSync(hookFile())).toBe(false);
    const again = await runCli(['hook', 'install'], ws);
    expect(again.stderr).toBe('Already present in .husky/pre-commit; nothing changed.\n');
  });

  it('refuses to add shell to a hook in another language, and exits 2', async () => {
    const python = '#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n';
    fs.writeFileSync(hookFile(), python, { mode: 0o755 });
    const { code, stdout, stderr } = await runCli(['hook', 'install'], path.join(ws, 'apps'));
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      'deploy-plan: .git/hooks/pre-commit is a python3 script (`#!/usr/bin/env python3`), not a shell script, ' +
        'so nothing was changed. Add this command to it by hand, and stop the commit when it fails: ' +
        `${PLAIN_HOOK_COMMAND}\n`,
    );
    expect(fs.readFileSync(hookFile(), 'utf8')).toBe(python);
  });

  it('edits the file a linked hook points to, keeping the link', async () => {
    fs.mkdirSync(path.join(ws, 'scripts'));
    fs.writeFileSync(path.join(ws, 'scripts/pre-commit'), '#!/bin/sh\nmake lint\n', { mode: 0o755 });
    fs.symlinkSync('../../scripts/pre-commit', hookFile());
    const { stderr } = await runCli(['hook', 'install'], ws);
    expect(stderr).toBe(`Added \`${GIT_LINE}\` to scripts/pre-commit (linked from .git/hooks/pre-commit) at line 3.\n`);
    expect(fs.lstatSync(hookFile()).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(ws, 'scripts/pre-commit'), 'utf8')).toBe(`#!/bin/sh\nmake lint\n${GIT_LINE}\n`);
  });

  it('names a hooks folder outside the repository by its full path', async () => {
    const hooks = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-hooks-'));
    git('config', 'core.hooksPath', hooks);
    const { stderr } = await runCli(['hook', 'install'], ws);
    expect(stderr).toBe(
      `Created ${path.join(fs.realpathSync(hooks), 'pre-commit')} (executable) with \`${PLAIN_HOOK_COMMAND}\`.\n`,
    );
    fs.rmSync(hooks, { recursive: true, force: true });
  });

  it('adds a command to lefthook.yml, keeping its other settings', async () => {
    const yml = 'pre-commit:\n  parallel: true\n  scripts:\n    "a.sh":\n      runner: bash\n';
    fs.writeFileSync(path.join(ws, 'lefthook.yml'), yml);
    const { stderr } = await runCli(['hook', 'install'], path.join(ws, 'apps'));
    expect(stderr).toBe(
      `Added \`${PLAIN_HOOK_COMMAND}\` to lefthook.yml at line 4, as the pre-commit command \`deploy-plan\`.\n`,
    );
    expect(fs.readFileSync(path.join(ws, 'lefthook.yml'), 'utf8')).toBe(
      `pre-commit:\n  commands:\n    deploy-plan:\n      run: ${PLAIN_HOOK_COMMAND}\n  parallel: true\n  scripts:\n` +
        '    "a.sh":\n      runner: bash\n',
    );
    expect((await runCli(['hook', 'install'], ws)).stderr).toBe('Already present in lefthook.yml; nothing changed.\n');
  });
});

/** A PATH where `make` and `npx` only print their name and arguments. */
function fakeBin(): string {
  const bin = path.join(ws, '.fake-bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(path.join(ws, 'node_modules/.bin'), { recursive: true });
  for (const file of [path.join(bin, 'make'), path.join(bin, 'npx'), path.join(ws, 'node_modules/.bin/deploy-plan')]) {
    const name = path.basename(file);
    fs.writeFileSync(file, `#!/bin/sh\necho ${name} "$@"\n`);
    fs.chmodSync(file, 0o755);
  }
  return `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`;
}

describe('deploy-plan scaffold', () => {
  it('never overwrites a plan without --overwrite', async () => {
    const plan = path.join(ws, 'apps/orders-api/deploy-plan.yaml');
    const before = fs.readFileSync(plan, 'utf8');
    const { code, stderr } = await runCli(['scaffold', 'apps/orders-api'], ws);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'deploy-plan: apps/orders-api/deploy-plan.yaml already exists; pass --overwrite to replace it.\n',
    );
    expect(fs.readFileSync(plan, 'utf8')).toBe(before);
  });

  it('prints with --dry-run and writes a plan that fails until its placeholders are answered', async () => {
    fs.rmSync(path.join(ws, 'apps/invoice-worker/deploy-plan.yaml'));
    const dry = await runCli(['scaffold', 'apps/invoice-worker', '--dry-run'], ws);
    expect(dry.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    expect(fs.existsSync(path.join(ws, 'apps/invoice-worker/deploy-plan.yaml'))).toBe(false);
    const written = await runCli(['scaffold', 'apps/invoice-worker'], ws);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(
      /Wrote apps\/invoice-worker\/deploy-plan\.yaml: api, background-job code, deployed with kubernetes\./,
    );
    expect(fs.readFileSync(path.join(ws, 'apps/invoice-worker/deploy-plan.yaml'), 'utf8')).toBe(dry.stdout);
    const check = await runCli(['check', 'apps/invoice-worker'], ws);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/is still a scaffold placeholder/);
    expect(fs.readdirSync(path.join(ws, 'apps/invoice-worker')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

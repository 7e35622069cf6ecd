import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOOK_COMMAND } from './hooks/pre-commit';
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
    const { code, stdout } = await runCli(['check', '--staged'], path.join(ws, 'apps'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      '✔ 1 plan checked, no problems.\n  invoice-worker  gold  clean  apps/invoice-worker/deploy-plan.yaml\n',
    );
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

  it('exits 2 outside a git repository', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-nogit-'));
    const { code, stderr } = await runCli(['check', '--staged'], plain);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--staged needs a git repository/);
    fs.rmSync(plain, { recursive: true, force: true });
  });
});

describe('deploy-plan hook install', () => {
  it('writes an executable git hook, and is idempotent', async () => {
    const first = await runCli(['hook', 'install'], ws);
    expect(first.code).toBe(0);
    const hook = path.join(ws, '.git/hooks/pre-commit');
    expect(fs.readFileSync(hook, 'utf8')).toContain(HOOK_COMMAND);
    expect(fs.statSync(hook).mode & 0o111).not.toBe(0);
    const second = await runCli(['hook', 'install'], ws);
    expect(second.stderr).toMatch(/already runs deploy-plan; nothing to do/);
  });

  it('keeps an existing git hook and runs the check after it', async () => {
    fs.writeFileSync(path.join(ws, '.git/hooks/pre-commit'), '#!/bin/sh\nmake lint\n');
    await runCli(['hook', 'install'], ws);
    expect(fs.readFileSync(path.join(ws, '.git/hooks/pre-commit'), 'utf8')).toBe(
      `#!/bin/sh\nmake lint\n${HOOK_COMMAND} || exit $?\n`,
    );
  });

  it('extends husky instead of writing a git hook', async () => {
    fs.mkdirSync(path.join(ws, '.husky'));
    fs.writeFileSync(path.join(ws, '.husky/pre-commit'), 'npx lint-staged\n');
    const { stderr } = await runCli(['hook', 'install'], path.join(ws, 'apps'));
    expect(stderr).toMatch(/Extended \.\.\/\.husky\/pre-commit \(husky\)/);
    expect(fs.readFileSync(path.join(ws, '.husky/pre-commit'), 'utf8')).toBe(`npx lint-staged\n${HOOK_COMMAND}\n`);
    expect(fs.existsSync(path.join(ws, '.git/hooks/pre-commit'))).toBe(false);
  });
});

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

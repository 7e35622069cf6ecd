import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-launcher-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the launcher', () => {
  it('says what to do when this package, or @deploy-plan/core, is not built or not installed', () => {
    const pkg = path.join(dir, 'cli');
    fs.cpSync(path.join(repo, 'packages/cli/bin'), path.join(pkg, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(repo, 'packages/cli/package.json'), path.join(pkg, 'package.json'));
    // @deploy-plan/core installed but not built.
    fs.mkdirSync(path.join(dir, 'node_modules/@deploy-plan/core'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'node_modules/@deploy-plan/core/package.json'),
      '{ "name": "@deploy-plan/core", "main": "dist/index.js" }',
    );
    fs.symlinkSync(path.join(repo, 'node_modules/commander'), path.join(dir, 'node_modules/commander'));
    const run = () =>
      spawnSync(process.execPath, [path.join(pkg, 'bin/deploy-plan.js'), '--version'], { cwd: dir, encoding: 'utf8' });
    const advice = ': in the deploy-plan repository, run `npm run build`; elsewhere, reinstall @deploy-plan/cli.\n';
    expect(run()).toMatchObject({ status: 2, stdout: '', stderr: `deploy-plan: cannot load ../dist/cli.js${advice}` });
    fs.cpSync(path.join(repo, 'packages/cli/dist'), path.join(pkg, 'dist'), { recursive: true });
    expect(run()).toMatchObject({
      status: 2,
      stdout: '',
      stderr: `deploy-plan: cannot load @deploy-plan/core${advice}`,
    });
  });

  it("says what to do when a command's own module is missing (an install that did not finish)", () => {
    const pkg = path.join(dir, 'cli');
    fs.cpSync(path.join(repo, 'packages/cli'), pkg, { recursive: true, filter: (f) => !f.includes('node_modules') });
    fs.rmSync(path.join(pkg, 'dist/commands/render.js'));
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(pkg, 'bin/deploy-plan.js'), ...args], { cwd: repo, encoding: 'utf8' });
    const advice = 'in the deploy-plan repository, run `npm run build`; elsewhere, reinstall @deploy-plan/cli.\n';
    expect(run('render', 'orders-api')).toMatchObject({
      status: 2,
      stderr: `deploy-plan: cannot load ./commands/render: ${advice}`,
    });
    // The other commands do not need it.
    expect(run('check', '--schema-only', 'examples/orders-api')).toMatchObject({ status: 0 });
  });

  it('stops quietly with its exit code when the reader of its output goes away (| head)', () => {
    // 400 plans with schema errors: a report far longer than a pipe's buffer; `head -c 1` reads
    // one byte and exits, so the CLI's next write fails with EPIPE.
    fs.writeFileSync(path.join(dir, 'nx.json'), '{}');
    for (let i = 0; i < 400; i++) {
      fs.mkdirSync(path.join(dir, `p${i}`));
      fs.writeFileSync(path.join(dir, `p${i}`, 'deploy-plan.yaml'), `project: p${i}\nowner: 7\n`);
    }
    const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');
    const script = `"${process.execPath}" "${bin}" check --format json | head -c 1 >/dev/null`;
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const cacheFiles = (cache: string) => (fs.existsSync(cache) ? fs.readdirSync(cache).sort() : []);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-launcher-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the launcher', () => {
  const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');

  it('says to build when this package, or @deploy-plan/core, has not been built', () => {
    const pkg = path.join(dir, 'cli');
    fs.cpSync(path.join(repo, 'packages/cli/bin'), path.join(pkg, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(repo, 'packages/cli/package.json'), path.join(pkg, 'package.json'));
    // @deploy-plan/core installed but not built.
    fs.mkdirSync(path.join(dir, 'node_modules/@deploy-plan/core'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/@deploy-plan/core/package.json'), '{ "name": "@deploy-plan/core", "main": "dist/index.js" }');
    const run = () => spawnSync(process.execPath, [path.join(pkg, 'bin/deploy-plan.js'), '--version'], { cwd: dir, encoding: 'utf8' });
    const expected = { status: 2, stdout: '', stderr: 'deploy-plan: the CLI is not built yet. Run `npm run build` at the workspace root.\n' };
    expect(run()).toMatchObject(expected);
    fs.cpSync(path.join(repo, 'packages/cli/dist'), path.join(pkg, 'dist'), { recursive: true });
    expect(run()).toMatchObject(expected);
  });

  it('uses the bundle only while no package it was made from has been rebuilt since', () => {
    // A copy of the CLI package whose bundle says where it runs from.
    const pkg = path.join(dir, 'cli');
    fs.cpSync(path.join(repo, 'packages/cli/bin'), path.join(pkg, 'bin'), { recursive: true });
    fs.cpSync(path.join(repo, 'packages/cli/dist'), path.join(pkg, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(repo, 'packages/cli/package.json'), path.join(pkg, 'package.json'));
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(pkg, 'dist/deploy-plan.cjs'), "exports.main = async () => { process.stdout.write('from the bundle\\n'); return 0; };\nexports.policyPackLoaded = () => false;\n");
    fs.writeFileSync(path.join(pkg, 'dist/deploy-plan.inputs.json'), '["record.tsbuildinfo"]');
    const record = path.join(pkg, 'dist/record.tsbuildinfo');
    fs.writeFileSync(record, '{}');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(record, past, past);
    const run = () => spawnSync(process.execPath, [path.join(pkg, 'bin/deploy-plan.js'), '--version'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DEPLOY_PLAN_COMPILE_CACHE: 'off' } });
    expect(run().stdout).toBe('from the bundle\n');
    // `tsc -b` or `tsc -w` alone rewrote a package: the compiled modules run, not the stale bundle.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(record, later, later);
    expect(run().stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repo, 'packages/cli/package.json'), 'utf8')).version);
  });

  it('keeps the compiled bundle in the project and prints the same report with and without it', () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(dir, 'apps/orders'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'nx.json'), '{}');
    const run = (env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--now', '2026-11-27'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DEPLOY_PLAN_COMPILE_CACHE: undefined, ...env } });
    const cache = path.join(dir, 'node_modules/.cache/deploy-plan/compile-cache');
    const off = run({ DEPLOY_PLAN_COMPILE_CACHE: 'off' });
    expect(cacheFiles(cache)).toEqual([]);
    const first = run();
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^deploy-plan\.cjs-[0-9a-f]{20}\.full\.bin$/)]);
    const second = run();
    for (const r of [off, first, second]) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(second.stdout).toBe(off.stdout);
    expect(first.stdout).toBe(off.stdout);
  });

  it('keeps caches V8 takes on the next run: the CLI loaded under the raised budget, the compiler after it was put back', () => {
    fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(dir, 'apps/orders'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'nx.json'), '{}');
    const cache = path.join(dir, 'cache');
    // One project: the launcher raises the budget (a check that may use threads), the run needs one
    // thread and puts the default back, then code inspection (--no-cache: no facts cached) loads ts-morph.
    const run = () => spawnSync(process.execPath, [bin, 'check', 'apps/orders', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DEPLOY_PLAN_COMPILE_CACHE: cache } });
    expect(run().status).toBe(0);
    const names = (f: string) => f.replace(/-[0-9a-f]{20}\./, '-KEY.');
    expect(cacheFiles(cache).map(names)).toEqual(['deploy-plan.cjs-KEY.full.bin', 'ts-morph-common.js-KEY.full.bin', 'ts-morph.js-KEY.full.bin', 'typescript.js-KEY.full.bin']);
    const written = cacheFiles(cache).map((f) => [f, fs.statSync(path.join(cache, f)).mtimeMs]);
    expect(run().status).toBe(0);
    // Nothing rewritten: V8 took every cache (a rejected one is written again).
    expect(cacheFiles(cache).map((f) => [f, fs.statSync(path.join(cache, f)).mtimeMs])).toEqual(written);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCacheDir, requireWithCompileCache } from './compile-cache';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-compile-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cacheFiles = (cache: string) => (fs.existsSync(cache) ? fs.readdirSync(cache).sort() : []);

describe('compileCacheDir', () => {
  it('uses node_modules/.cache/deploy-plan/compile-cache of the nearest folder with node_modules', () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.mkdirSync(path.join(dir, 'apps/api'), { recursive: true });
    expect(compileCacheDir({}, path.join(dir, 'apps/api'))).toBe(path.join(dir, 'node_modules/.cache/deploy-plan/compile-cache'));
  });

  it('falls back to the node_modules the CLI is installed in, for a run outside any JavaScript project', () => {
    const project = path.join(dir, 'project');
    const installed = path.join(project, 'node_modules/@deploy-plan/cli/dist');
    fs.mkdirSync(installed, { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    expect(compileCacheDir({}, path.join(dir, 'elsewhere'), installed)).toBe(path.join(project, 'node_modules/.cache/deploy-plan/compile-cache'));
    // Without node_modules anywhere: no cache.
    expect(compileCacheDir({}, path.join(dir, 'elsewhere'), path.join(dir, 'elsewhere'))).toBeUndefined();
  });

  it('takes DEPLOY_PLAN_COMPILE_CACHE as a folder, and 0, off, false or NODE_DISABLE_COMPILE_CACHE as no cache', () => {
    expect(compileCacheDir({ DEPLOY_PLAN_COMPILE_CACHE: 'cache' }, dir)).toBe(path.join(dir, 'cache'));
    for (const off of ['0', 'off', 'FALSE', '']) expect(compileCacheDir({ DEPLOY_PLAN_COMPILE_CACHE: off }, dir)).toBeUndefined();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    expect(compileCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' }, dir)).toBeUndefined();
  });
});

describe('requireWithCompileCache', () => {
  const write = (source: string) => {
    const file = path.join(dir, 'bundle.cjs');
    fs.writeFileSync(file, source);
    return file;
  };
  const source = "exports.answer = () => 42;\nexports.where = () => [__filename, __dirname];\nexports.fs = typeof require('node:fs').readFileSync;\n";

  it('loads a CommonJS file like require, and writes the cache after the run', () => {
    const file = write(source);
    const cache = path.join(dir, 'cache');
    const first = requireWithCompileCache(file, cache);
    expect(first.loaded).toBe('none');
    expect((first.exports.answer as () => number)()).toBe(42);
    expect((first.exports.where as () => string[])()).toEqual([file, dir]);
    expect(first.exports.fs).toBe('function');
    first.save('base');
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^bundle\.cjs-[0-9a-f]{20}\.base\.bin$/)]);

    const second = requireWithCompileCache(file, cache);
    expect(second.loaded).toBe('base');
    expect((second.exports.answer as () => number)()).toBe(42);
    // A run that loaded more (the policy pack) writes a fuller cache, which is then preferred.
    second.save('base');
    expect(cacheFiles(cache)).toHaveLength(1);
    second.save('full');
    expect(requireWithCompileCache(file, cache).loaded).toBe('full');
  });

  it('ignores a cache made for other source, and rewrites one that V8 rejects', () => {
    // Each step in a fresh process: within one process V8 reuses what it compiled in memory.
    const built = path.resolve(__dirname, '../dist/compile-cache.js');
    const step = (coverage: string) => {
      const script = `const c = require(${JSON.stringify(built)}); const m = c.requireWithCompileCache(process.argv[1], process.argv[2]); process.stdout.write(m.loaded + ' ' + m.exports.answer()); m.save('${coverage}');`;
      const run = spawnSync(process.execPath, ['-e', script, file, cache], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout;
    };
    const file = write(source);
    const cache = path.join(dir, 'cache');
    expect(step('full')).toBe('none 42');
    expect(step('full')).toBe('full 42');
    const [name] = cacheFiles(cache);
    // Same length, other bytes: another key, so the old cache is never applied to it.
    write(source.replace('42', '43'));
    expect(step('base')).toBe('none 43');
    // Garbage where the cache should be: V8 refuses it, the module still loads, the cache is rewritten.
    write(source);
    fs.writeFileSync(path.join(cache, name), Buffer.alloc(4096, 7));
    expect(step('full')).toBe('rejected 42');
    expect(step('full')).toBe('full 42');
    // Caches of other builds are kept for a few builds (two versions used in turn do not evict
    // each other), then the oldest go.
    expect(cacheFiles(cache)).toHaveLength(2);
    for (let build = 0; build < 7; build++) {
      write(`${source}// build ${build}\n`);
      expect(step('full')).toBe('none 42');
    }
    write(source);
    expect(cacheFiles(cache)).toHaveLength(6);
    expect(cacheFiles(cache)).not.toContain(name);
  });

  it('keeps one cache per V8 interrupt budget, made under the budget the module was loaded with', () => {
    if (!/^11\.3\./.test(process.versions.v8)) return; // the budget is only raised on Node 20's V8
    const built = path.resolve(__dirname, '../dist');
    // raise: the launcher raised the budget for a threaded check; restore: the run then needed one thread.
    const step = (mode: 'default' | 'raise' | 'raise+restore') => {
      const script = `
        const tuning = require(${JSON.stringify(path.join(built, 'v8-tuning.js'))});
        if (process.argv[3] !== 'default') tuning.raiseInterruptBudget(['check']);
        const m = require(${JSON.stringify(path.join(built, 'compile-cache.js'))}).requireWithCompileCache(process.argv[1], process.argv[2]);
        if (process.argv[3] === 'raise+restore') tuning.restoreInterruptBudget();
        process.stdout.write(m.loaded + ' ' + m.exports.answer());
        m.save('full');`;
      const run = spawnSync(process.execPath, ['-e', script, file, cache, mode], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout;
    };
    const file = write(source);
    const cache = path.join(dir, 'cache');
    expect(step('default')).toBe('none 42');
    expect(step('raise')).toBe('none 42');
    // Neither setting evicts or rejects the other's cache.
    expect(step('default')).toBe('full 42');
    expect(step('raise')).toBe('full 42');
    // A run that put the default back after loading still writes a cache the next raised run takes.
    fs.rmSync(cache, { recursive: true });
    expect(step('raise+restore')).toBe('none 42');
    expect(step('raise')).toBe('full 42');
    expect(step('raise+restore')).toBe('full 42');
  });

  it('runs without a cache when there is no folder for one, and never fails on writing it', () => {
    const file = write(source);
    const none = requireWithCompileCache(file, undefined);
    expect(none.loaded).toBe('none');
    expect(() => none.save('full')).not.toThrow();
    // A file where the cache folder should be: nothing written, nothing thrown.
    fs.writeFileSync(path.join(dir, 'blocked'), 'x');
    const blocked = requireWithCompileCache(file, path.join(dir, 'blocked', 'cache'));
    expect(() => blocked.save('full')).not.toThrow();
    expect(fs.readFileSync(path.join(dir, 'blocked'), 'utf8')).toBe('x');
  });
});

describe('the launcher', () => {
  const repo = path.resolve(__dirname, '../../..');
  const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');

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
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCacheDir, requireWithCompileCache, useCompileCacheDir } from './compile-cache';

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

  it('answers what the launcher chose, once it has chosen, whatever it is asked', () => {
    try {
      expect(useCompileCacheDir(path.join(dir, 'chosen'))).toBe(path.join(dir, 'chosen'));
      expect(compileCacheDir({ DEPLOY_PLAN_COMPILE_CACHE: 'elsewhere' }, '/')).toBe(path.join(dir, 'chosen'));
      useCompileCacheDir(undefined);
      fs.mkdirSync(path.join(dir, 'node_modules'));
      expect(compileCacheDir({}, dir)).toBeUndefined();
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('deploy-plan.compile-cache-dir')];
    }
    expect(compileCacheDir({}, dir)).toBe(path.join(dir, 'node_modules/.cache/deploy-plan/compile-cache'));
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
    const built = path.resolve(__dirname, '../../dist/runtime/compile-cache.js');
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

  it('keeps one cache per V8 interrupt budget, made under the budget the file was loaded under', () => {
    if (!/^11\.3\./.test(process.versions.v8)) return; // the budget is only raised on Node 20's V8
    const built = path.resolve(__dirname, '../../dist/runtime');
    // raise: the launcher raised the budget (a threaded check) before loading the file;
    // raise+restore: the run then needed one thread and put the default back;
    // restore+load: the default was back before the file loaded (the compiler, in such a run).
    const step = (mode: 'default' | 'raise' | 'raise+restore' | 'restore+load') => {
      const script = `
        const flags = require(${JSON.stringify(path.join(built, 'v8-flags.js'))});
        const mode = process.argv[3];
        if (mode !== 'default') flags.raiseInterruptBudget(200000);
        if (mode === 'restore+load') flags.restoreInterruptBudget();
        const m = require(${JSON.stringify(path.join(built, 'compile-cache.js'))}).requireWithCompileCache(process.argv[1], process.argv[2]);
        if (mode === 'raise+restore') flags.restoreInterruptBudget();
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
    // A file loaded after the default was back is compiled and cached under the default.
    fs.rmSync(cache, { recursive: true });
    expect(step('restore+load')).toBe('none 42');
    expect(step('restore+load')).toBe('full 42');
    expect(step('default')).toBe('full 42');
  });

  it('registers a dependency\'s file, so later requires of it get the module it loaded', () => {
    // In a fresh node: jest has a module registry of its own.
    const built = path.resolve(__dirname, '../../dist/runtime/compile-cache.js');
    const file = write(source);
    const broken = path.join(dir, 'broken.cjs');
    fs.writeFileSync(broken, "throw new Error('broken');\n");
    const script = `
      const { requireWithCompileCache } = require(${JSON.stringify(built)});
      const loaded = requireWithCompileCache(process.argv[1], process.argv[3], { register: true });
      const same = require(process.argv[1]) === loaded.exports;
      let threw = false;
      try { requireWithCompileCache(process.argv[2], undefined, { register: true }); } catch { threw = true; }
      process.stdout.write(JSON.stringify({ same, threw, leftBehind: process.argv[2] in require.cache }));`;
    const run = spawnSync(process.execPath, ['-e', script, file, broken, path.join(dir, 'cache')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // A file that throws while it loads is not left behind half-loaded.
    expect(JSON.parse(run.stdout)).toEqual({ same: true, threw: true, leftBehind: false });
  });

  it('names an installed file\'s cache by its path, size and time instead of hashing its bytes', () => {
    const built = path.resolve(__dirname, '../../dist/runtime/compile-cache.js');
    const step = () => {
      const script = `const m = require(${JSON.stringify(built)}).requireWithCompileCache(process.argv[1], process.argv[2], { identity: 'stat' }); process.stdout.write(m.loaded); m.save('full');`;
      return spawnSync(process.execPath, ['-e', script, file, cache], { encoding: 'utf8' }).stdout;
    };
    const file = write(source);
    const cache = path.join(dir, 'cache');
    expect(step()).toBe('none');
    expect(step()).toBe('full');
    // Reinstalled (same bytes, new time): another cache, never the old one.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    expect(step()).toBe('none');
    expect(step()).toBe('full');
    // Other bytes of the same length, with the old time put back: still another cache (V8 itself
    // checks only the length, so the old one would run the old code).
    fs.writeFileSync(file, source.replace('42', '43'));
    fs.utimesSync(file, later, later);
    expect(step()).toBe('none');
  });

  it('keeps one cache per set of V8 flags a run is started with, instead of rejecting in turn', () => {
    const built = path.resolve(__dirname, '../../dist/runtime/compile-cache.js');
    const step = (...flags: string[]) => {
      const script = `const m = require(${JSON.stringify(built)}).requireWithCompileCache(process.argv[1], process.argv[2]); process.stdout.write(m.loaded); m.save('full');`;
      return spawnSync(process.execPath, [...flags, '-e', script, file, cache], { encoding: 'utf8' }).stdout;
    };
    const file = write(source);
    const cache = path.join(dir, 'cache');
    expect(step()).toBe('none');
    expect(step('--max-old-space-size=512')).toBe('none');
    expect(step()).toBe('full');
    expect(step('--max-old-space-size=512')).toBe('full');
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

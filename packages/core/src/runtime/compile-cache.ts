import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';
import { currentFlags, withFlags } from './v8-flags';

/**
 * A V8 code cache for the few large files deploy-plan loads on every run (the bundled CLI, the
 * TypeScript compiler that code inspection uses), so a run does not compile again what the last
 * run compiled: functions are compiled lazily as a run reaches them, and the cache, written after
 * a run, holds them all. It caches compiled code only (never results), keyed by the Node version,
 * the architecture, V8's tag for its version and flags when the file loaded (any flag: ours from
 * v8-flags.ts, a user's `--max-old-space-size`), and the file (a hash of its bytes, or for an
 * installed package's file its path, inode, size and times); V8 itself checks only the source's
 * length. V8 rejects a cache made by another V8 or under other flags, and a rejected cache is
 * written again.
 *
 * Node 22 has `module.enableCompileCache()`; deploy-plan supports Node 20, so it does the same
 * for these files.
 */

/** How much of a file a cache holds: for the CLI, `full` once a run has loaded the policy pack. */
export type CacheCoverage = 'base' | 'full';

/** The folder the launcher chose, shared with the bundled CLI's own copy of this module. */
const CHOSEN_DIR = Symbol.for('deploy-plan.compile-cache-dir');
type WithChosen = typeof globalThis & { [CHOSEN_DIR]?: string | null };

/**
 * Where cache files go: `DEPLOY_PLAN_COMPILE_CACHE` when set (`0`, `off` or `false` turn the
 * cache off, as does Node's own `NODE_DISABLE_COMPILE_CACHE`), else
 * `node_modules/.cache/deploy-plan/compile-cache` in the nearest folder at or above `cwd` that
 * has a node_modules folder (the find-cache-dir convention), else in the one at or above the
 * installed CLI (`installedAt`, a run outside any JavaScript project), else none. The cache stays
 * in a node_modules folder, never in a shared temporary folder other users can write. Once the
 * launcher has chosen (`useCompileCacheDir`), every copy of this module in the thread answers the same.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, cwd: string, installedAt: string = __dirname): string | undefined {
  const chosen = (globalThis as WithChosen)[CHOSEN_DIR];
  if (chosen !== undefined) return chosen ?? undefined;
  const setting = env.DEPLOY_PLAN_COMPILE_CACHE;
  if (env.NODE_DISABLE_COMPILE_CACHE || (setting !== undefined && /^(0|off|false|)$/i.test(setting.trim()))) return undefined;
  if (setting) return path.resolve(cwd, setting);
  for (const start of [cwd, installedAt]) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      if (path.basename(dir) !== 'node_modules' && fs.existsSync(path.join(dir, 'node_modules'))) {
        return path.join(dir, 'node_modules', '.cache', 'deploy-plan', 'compile-cache');
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** Fixes the folder `compileCacheDir` answers in this thread (the launcher's choice, or a worker's task). */
export function useCompileCacheDir(dir: string | undefined): string | undefined {
  (globalThis as WithChosen)[CHOSEN_DIR] = dir ?? null;
  return dir;
}

export interface CachedModule {
  exports: Record<string, unknown>;
  /** What the cache read at start-up held: none, or its coverage; `rejected` when V8 refused it. */
  loaded: CacheCoverage | 'none' | 'rejected';
  /**
   * Writes the cache after a run, when it is missing, was rejected, or holds less than this
   * run compiled. Never throws: a cache that cannot be written only means compiling next time.
   */
  save(coverage: CacheCoverage): void;
}

/**
 * What names the cache of a file under this Node, architecture and V8 (its version and flags, as
 * V8 tags them, taken when the file loads): the file's bytes, or for a file of an installed
 * package (9 MB for the TypeScript compiler) its path, inode, size and times. A change of
 * contents that keeps size and modification time still changes the inode or the change time,
 * which no tool can set back.
 */
function cacheKey(file: string, bytes: Buffer, identity: 'content' | 'stat'): string {
  const hash = createHash('sha1').update(`${process.version}\0${process.arch}\0${v8.cachedDataVersionTag()}\0`);
  if (identity === 'content') return hash.update(bytes).digest('hex').slice(0, 20);
  const stat = fs.statSync(file);
  return hash.update(`${file}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}`).digest('hex').slice(0, 20);
}

function cacheFile(dir: string, file: string, key: string, coverage: CacheCoverage): string {
  return path.join(dir, `${path.basename(file)}-${key}.${coverage}.bin`);
}

function readCache(dir: string | undefined, file: string, key: string): { data: Buffer; coverage: CacheCoverage } | undefined {
  if (!dir) return undefined;
  for (const coverage of ['full', 'base'] as const) {
    const target = cacheFile(dir, file, key, coverage);
    try {
      return { data: fs.readFileSync(target), coverage };
    } catch {
      // no cache of this coverage
    }
  }
  return undefined;
}

/**
 * Caches of one file kept (each build has one per V8 flag setting, see v8-flags.ts): a few, so
 * two versions used in turn do not evict each other.
 */
const KEPT_BUILDS = 6;

/** Removes the caches of all but the most recently written builds of the same file, so rebuilds do not pile them up. */
function pruneOthers(target: string): void {
  const dir = path.dirname(target);
  const name = path.basename(target);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  const newest = new Map<string, number>();
  for (const entry of fs.readdirSync(dir)) {
    const m = entry.startsWith(prefix) ? /^([0-9a-f]+)\.(base|full)\.bin$/.exec(entry.slice(prefix.length)) : null;
    if (!m) continue;
    const mtime = fs.statSync(path.join(dir, entry)).mtimeMs;
    newest.set(m[1], Math.max(newest.get(m[1]) ?? 0, mtime));
  }
  const old = [...newest].sort((a, b) => b[1] - a[1]).slice(KEPT_BUILDS).map(([key]) => key);
  for (const key of old) for (const coverage of ['base', 'full']) fs.rmSync(path.join(dir, `${prefix}${key}.${coverage}.bin`), { force: true });
}

/** A module for `file` in `require.cache`, as Node's loader makes one, before the file runs (cycles see it). */
function registered(file: string): Module & { exports: Record<string, unknown> } {
  const module = new Module(file) as Module & { exports: Record<string, unknown>; paths: string[] };
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = module;
  return module;
}

/** Writes `data` to `target` through a temporary file and a rename, so readers never see half a file. */
function writeAtomic(target: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Worker threads share the process id: the thread and a random part keep their files apart.
  const tmp = `${target}.${process.pid}.${isMainThread ? 0 : threadId}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export interface LoadOptions {
  /** What identifies the file's version: a hash of its bytes (default), or its path, size and time. */
  identity?: 'content' | 'stat';
  /** Put the module in `require.cache`, so later `require`s of the file get it (a dependency's file). */
  register?: boolean;
}

/**
 * Loads a CommonJS file like `require` does, compiling it with the code cache from `dir` when
 * there is a usable one.
 */
export function requireWithCompileCache(file: string, dir: string | undefined, options: LoadOptions = {}): CachedModule {
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  // V8 checks a cache against the flags in force, so it is named and made under those of the load.
  const flags = currentFlags();
  const key = cacheKey(file, bytes, options.identity ?? 'content');
  const cached = readCache(dir, file, key);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached?.data });
  const loaded: CachedModule['loaded'] = !cached ? 'none' : script.cachedDataRejected ? 'rejected' : cached.coverage;
  const module = options.register ? registered(file) : { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  try {
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    if (options.register) delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return {
    exports: module.exports,
    loaded,
    save(coverage) {
      if (!dir || loaded === 'full' || (loaded === 'base' && coverage === 'base')) return;
      const target = cacheFile(dir, file, key, coverage);
      try {
        writeAtomic(target, withFlags(flags, () => script.createCachedData()));
        pruneOthers(target);
      } catch {
        // read-only or full disk: the next run compiles, as without a cache
      }
    },
  };
}

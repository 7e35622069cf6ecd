import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeFacts, RouteFact } from '@deploy-plan/core';
import type { FlagWrapper } from './flags';
import type { RouteWrapper } from './routes';
import { writeFileAtomically } from '../files/write';
import { MAX_SOURCE_FILES, sourceFilesOf } from './sources';
import type { WorkspaceResolver } from './workspace';

export interface InspectCodeOptions {
  routeWrappers?: readonly RouteWrapper[];
  flagWrappers?: readonly FlagWrapper[];
  dependencyClients?: readonly string[];
  /** Env variables the plan declares as flags (read as flags whatever their name). */
  envFlags?: readonly string[];
  /** Where to keep the facts cache; false turns it off. Default: <root>/node_modules/.cache/deploy-plan. */
  cacheDir?: string | false;
  /** The most source files read for one project (default MAX_SOURCE_FILES); the rest are reported. */
  maxSourceFiles?: number;
}

/**
 * The facts cache is keyed by the inspector's package version: a new release never reads facts
 * an older one cached. (Working on inspection itself, run with `--no-cache`.)
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside the compiled sources
export const INSPECTOR_VERSION: string = (require('../../package.json') as { version: string }).version;

const resolvers = new Map<string, WorkspaceResolver>();

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

interface CacheEntry {
  version: string;
  key: string;
  /** Every file the facts were read from, with its content hash. */
  files: Record<string, string>;
  facts: CodeFacts;
}

function readCache(file: string): CacheEntry | undefined {
  try {
    // Only a regular file: a pipe would block, a folder would throw.
    if (!fs.statSync(file).isFile()) return undefined;
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    return entry && typeof entry === 'object' && entry.files && typeof entry.files === 'object' ? entry : undefined;
  } catch {
    return undefined;
  }
}

type Shape = Record<string, 'string' | 'number'>;
const SITE: Shape = { file: 'string', line: 'number', column: 'number' };
const FACT_SHAPES: Record<'routes' | 'flags' | 'env' | 'metrics' | 'failures', Shape> = {
  routes: { ...SITE, method: 'string', path: 'string', confidence: 'string', framework: 'string' },
  flags: { ...SITE, key: 'string', provider: 'string', guard: 'string' },
  env: { ...SITE, name: 'string' },
  metrics: { ...SITE, name: 'string', type: 'string' },
  failures: { ...SITE, message: 'string' },
};

const hasShape = (value: unknown, shape: Shape): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(shape).every(([k, type]) => typeof (value as Record<string, unknown>)[k] === type);

/**
 * A cache entry of the right key but another shape (an older layout, a hand edit, a truncated
 * write) is ignored and recomputed, never used: every fact the policies read is checked.
 */
function isCodeFacts(facts: unknown): facts is CodeFacts {
  if (typeof facts !== 'object' || facts === null) return false;
  const f = facts as Record<string, unknown>;
  const listOf = (k: keyof typeof FACT_SHAPES) =>
    Array.isArray(f[k]) && (f[k] as unknown[]).every((x) => hasShape(x, FACT_SHAPES[k]));
  const unknowns = f.unknowns as { routeSites?: unknown; omittedFiles?: unknown } | undefined;
  return (
    listOf('routes') &&
    listOf('flags') &&
    listOf('env') &&
    listOf('metrics') &&
    Array.isArray(f.files) &&
    f.files.every((x) => typeof x === 'string') &&
    (f.failures === undefined || listOf('failures')) &&
    (unknowns === undefined ||
      (typeof unknowns.omittedFiles === 'number' &&
        Array.isArray(unknowns.routeSites) &&
        unknowns.routeSites.every((s) => hasShape(s, SITE))))
  );
}

function writeCache(file: string, entry: CacheEntry): void {
  try {
    writeFileAtomically(file, JSON.stringify(entry));
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/**
 * Where code facts are cached: the workspace's `node_modules/.cache/deploy-plan` when it has a
 * `node_modules` folder (as ESLint, Babel and Nx do), else the user's cache folder; never a
 * `node_modules` folder created in a folder that has none.
 */
export function defaultCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const modules = path.join(root, 'node_modules');
  try {
    if (fs.statSync(modules).isDirectory()) return path.join(modules, '.cache', 'deploy-plan');
  } catch {
    // no node_modules here
  }
  const home = os.homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'win32'
      ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : path.join(home, '.cache'));
  return path.join(base, 'deploy-plan', sha1(path.resolve(root)).slice(0, 16));
}

/**
 * Code facts of a project: routes (with health-handler classification), flag reads, env reads
 * and metrics. Parses the project's sources (and the workspace libraries they import) with
 * ts-morph, syntactically. Results are cached by content hash: a re-run on unchanged files
 * reads the cache and does not load ts-morph at all.
 */
export function inspectCode(projectDir: string, root: string, options: InspectCodeOptions = {}): CodeFacts {
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(root) : options.cacheDir;
  const key = sha1(
    JSON.stringify({
      v: INSPECTOR_VERSION,
      // The facts' format: entries written before `checkReaches` became a list are not reused.
      format: 3,
      projectDir: path.relative(root, projectDir),
      r: options.routeWrappers,
      f: options.flagWrappers,
      d: options.dependencyClients,
      e: options.envFlags,
      m: options.maxSourceFiles,
    }),
  );
  const cacheFile = cacheDir ? path.join(cacheDir, `code-${sha1(path.resolve(projectDir))}.json`) : undefined;
  const contents = new Map<string, string>();
  const read = (file: string): string | undefined => {
    if (!contents.has(file)) {
      try {
        contents.set(file, fs.readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
    }
    return contents.get(file);
  };

  // A project with no TypeScript or JavaScript (a Go service, a Helm chart): nothing to parse.
  if (!sourceFilesOf(projectDir).length)
    return { routes: [], flags: [], env: [], metrics: [], files: [], failures: [] };

  if (cacheFile) {
    const cached = readCache(cacheFile);
    if (cached && cached.version === INSPECTOR_VERSION && cached.key === key && isCodeFacts(cached.facts)) {
      const own = sourceFilesOf(projectDir).map((f) => path.relative(root, f));
      const listed = Object.keys(cached.files);
      const sameOwn =
        own.every((f) => Object.hasOwn(cached.files, f)) &&
        listed.filter((f) => !path.relative(projectDir, path.join(root, f)).startsWith('..')).length === own.length;
      if (
        sameOwn &&
        listed.every((f) => {
          const bytes = read(path.join(root, f));
          return bytes !== undefined && sha1(bytes) === cached.files[f];
        })
      ) {
        return cached.facts;
      }
    }
  }

  // The analyses (and the compiler) load only on a cache miss.
  const facts = analyse(root, projectDir, read, options);
  if (cacheFile) {
    const files: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const rel of facts.files) {
      const bytes = read(path.join(root, rel));
      if (bytes) files[path.relative(root, path.join(root, rel))] = sha1(bytes);
    }
    writeCache(cacheFile, { version: INSPECTOR_VERSION, key, files, facts });
  }
  return facts;
}

/**
 * Runs every analysis on a parsed code base. Each one (and, inside, each file and call site)
 * is guarded: what throws becomes an inspection failure at that place and the rest is kept.
 */
function analyse(
  root: string,
  projectDir: string,
  read: (file: string) => string | undefined,
  options: InspectCodeOptions,
): CodeFacts {
  /* eslint-disable @typescript-eslint/no-require-imports -- the compiler and inspectors load only on a cache miss */
  const { CodeBase } = require('./codebase') as typeof import('./codebase');
  const { findEnv } = require('./env') as typeof import('./env');
  const { findMetrics } = require('./metrics') as typeof import('./metrics');
  const { findFlags } = require('./flags') as typeof import('./flags');
  const { classifyHealthHandler, HEALTH_PATH } = require('./health') as typeof import('./health');
  const { findRoutes } = require('./routes') as typeof import('./routes');
  const { WorkspaceResolver } = require('./workspace') as typeof import('./workspace');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let resolver = resolvers.get(root);
  if (!resolver) {
    resolver = new WorkspaceResolver(root);
    resolvers.set(root, resolver);
  }
  const cb = new CodeBase(root, projectDir, resolver, read, options.maxSourceFiles ?? MAX_SOURCE_FILES);
  const found = cb.guard(projectDir, () => findRoutes(cb, options.routeWrappers), { routes: [], unknownSites: [] });
  const routes: RouteFact[] = found.routes.map((r) => {
    const fact: RouteFact = {
      method: r.method,
      path: r.path,
      confidence: r.confidence,
      framework: r.framework,
      ...r.site,
    };
    if (HEALTH_PATH.test(r.path)) {
      const c = cb.guard(
        r.handler ?? projectDir,
        () => classifyHealthHandler(cb, r.handler, options.dependencyClients, r.handlerFrame),
        undefined,
      );
      if (c) {
        fact.check = c.check;
        fact.checkReason = c.reason;
        if (c.reaches) fact.checkReaches = c.reaches;
      }
    }
    return fact;
  });
  const bySite = <T extends { file: string; line: number; column: number }>(list: T[]) =>
    list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return {
    routes,
    flags: bySite(cb.guard(projectDir, () => findFlags(cb, options.flagWrappers, options.envFlags), [])),
    env: bySite(cb.guard(projectDir, () => findEnv(cb), [])),
    metrics: bySite(cb.guard(projectDir, () => findMetrics(cb), [])),
    files: [...cb.modules.values()].map((m) => m.rel).sort(),
    failures: bySite([...cb.failures]),
    unknowns: { routeSites: bySite([...found.unknownSites]), omittedFiles: cb.omitted, fileLimit: cb.fileLimit },
  };
}

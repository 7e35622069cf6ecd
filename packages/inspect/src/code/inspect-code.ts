import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeFacts, RouteFact } from '@deploy-plan/core';
import type { FlagWrapper } from './flags';
import type { RouteWrapper } from './routes';
import { sourceFilesOf } from './sources';
import type { WorkspaceResolver } from './workspace';

export interface InspectCodeOptions {
  routeWrappers?: readonly RouteWrapper[];
  flagWrappers?: readonly FlagWrapper[];
  dependencyClients?: readonly string[];
  /** Env variables the plan declares as flags (read as flags whatever their name). */
  envFlags?: readonly string[];
  /** Where to keep the facts cache; false turns it off. Default: <root>/node_modules/.cache/deploy-plan. */
  cacheDir?: string | false;
}

/** Bumped whenever the analyses change what they report, so old cache entries are ignored. */
export const INSPECTOR_VERSION = '1';

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
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, entry: CacheEntry): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/**
 * Code facts of a project: routes (with health-handler classification), flag reads, env reads
 * and metrics. Parses the project's sources (and the workspace libraries they import) with
 * ts-morph, syntactically. Results are cached by content hash: a re-run on unchanged files
 * reads the cache and does not load ts-morph at all.
 */
export function inspectCode(projectDir: string, root: string, options: InspectCodeOptions = {}): CodeFacts {
  const cacheDir = options.cacheDir === undefined ? path.join(root, 'node_modules', '.cache', 'deploy-plan') : options.cacheDir;
  const key = sha1(JSON.stringify({ v: INSPECTOR_VERSION, projectDir: path.relative(root, projectDir), r: options.routeWrappers, f: options.flagWrappers, d: options.dependencyClients, e: options.envFlags }));
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
  if (!sourceFilesOf(projectDir).length) return { routes: [], flags: [], env: [], metrics: [], files: [] };

  if (cacheFile) {
    const cached = readCache(cacheFile);
    if (cached && cached.version === INSPECTOR_VERSION && cached.key === key) {
      const own = sourceFilesOf(projectDir).map((f) => path.relative(root, f));
      const listed = Object.keys(cached.files);
      const sameOwn = own.every((f) => f in cached.files) && listed.filter((f) => !path.relative(projectDir, path.join(root, f)).startsWith('..')).length === own.length;
      if (sameOwn && listed.every((f) => {
        const bytes = read(path.join(root, f));
        return bytes !== undefined && sha1(bytes) === cached.files[f];
      })) {
        return cached.facts;
      }
    }
  }

  // The analyses (and the compiler) load only on a cache miss.
  /* eslint-disable @typescript-eslint/no-require-imports */
  (require('./compiler') as typeof import('./compiler')).preloadCompiler();
  const { CodeBase } = require('./codebase') as typeof import('./codebase');
  const { findEnv, findMetrics } = require('./env-metrics') as typeof import('./env-metrics');
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
  const cb = new CodeBase(root, projectDir, resolver, read);
  const routes: RouteFact[] = findRoutes(cb, options.routeWrappers).map((r) => {
    const fact: RouteFact = { method: r.method, path: r.path, confidence: r.confidence, framework: r.framework, ...r.site };
    if (HEALTH_PATH.test(r.path)) {
      const c = classifyHealthHandler(cb, r.handler, options.dependencyClients);
      fact.check = c.check;
      fact.checkReason = c.reason;
    }
    return fact;
  });
  const bySite = <T extends { file: string; line: number; column: number }>(list: T[]) =>
    list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const facts: CodeFacts = {
    routes,
    flags: bySite(findFlags(cb, options.flagWrappers, options.envFlags)),
    env: bySite(findEnv(cb)),
    metrics: bySite(findMetrics(cb)),
    files: [...cb.modules.values()].map((m) => m.rel).sort(),
  };
  if (cacheFile) {
    const files: Record<string, string> = {};
    for (const m of cb.modules.values()) {
      const bytes = read(m.file);
      if (bytes) files[path.relative(root, m.file)] = sha1(bytes);
    }
    writeCache(cacheFile, { version: INSPECTOR_VERSION, key, files, facts });
  }
  return facts;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const TS_FOR_JS: Record<string, readonly string[]> = {
  js: ['.ts', '.tsx'],
  jsx: ['.tsx'],
  mjs: ['.mts'],
  cjs: ['.cts'],
};

/** A package.json `imports`/`exports` target: a string, or the first string among its conditions. */
function conditionTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (!target || typeof target !== 'object') return undefined;
  for (const key of ['source', 'default', 'import', 'require', 'node']) {
    const found = conditionTarget((target as Record<string, unknown>)[key]);
    if (found) return found;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    // Only a regular file: reading a named pipe would wait for a writer.
    if (!fs.statSync(file).isFile()) return undefined;
    // tsconfig files allow comments and trailing commas.
    const result = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
    return result.error ? undefined : (result.config as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

/**
 * Resolves import specifiers to source files of the workspace, without TypeScript's module
 * resolution: relative paths (with the `.js` -> `.ts` mapping of ESM projects), the `paths` of
 * tsconfig.base.json, and the names of workspace packages. Anything else is an outside package.
 */
type PathMap = [RegExp, string[]][];

/** The `paths` of a tsconfig file, following `extends` (the nearest definition wins, as in tsc). */
function tsconfigPaths(file: string, depth = 0): PathMap | undefined {
  const config = readJson(file);
  if (!config || depth > 5) return undefined;
  const options = config.compilerOptions as { baseUrl?: string; paths?: Record<string, string[]> } | undefined;
  if (options?.paths) {
    const base = path.resolve(path.dirname(file), options.baseUrl ?? '.');
    return Object.entries(options.paths).map(([pattern, targets]) => {
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace('*', '(.*)')}$`);
      return [re, targets.map((t) => path.resolve(base, t))];
    });
  }
  const parent =
    typeof config.extends === 'string' && config.extends.startsWith('.')
      ? path.resolve(path.dirname(file), config.extends)
      : undefined;
  return parent ? tsconfigPaths(parent.endsWith('.json') ? parent : `${parent}.json`, depth + 1) : undefined;
}

export class WorkspaceResolver {
  private readonly paths: PathMap = [];
  private readonly packages = new Map<string, string>();
  private readonly cache = new Map<string, string | undefined>();
  /** Folder -> the path aliases of the nearest tsconfig.json (a project's own `@/*`). */
  private readonly localPaths = new Map<string, PathMap>();

  constructor(readonly root: string) {
    for (const name of ['tsconfig.base.json', 'tsconfig.json']) {
      const found = tsconfigPaths(path.join(root, name));
      if (!found) continue;
      this.paths.push(...found);
      break;
    }
    this.findPackages();
  }

  private readonly mapIds = new Map<PathMap, number>();
  private mapId(map: PathMap): number {
    let id = this.mapIds.get(map);
    if (id === undefined) {
      id = this.mapIds.size;
      this.mapIds.set(map, id);
    }
    return id;
  }

  /** The path aliases that apply to a file: its nearest tsconfig.json's, then the workspace's. */
  private pathsFor(fromFile: string): PathMap {
    const dir = path.dirname(fromFile);
    let found = this.localPaths.get(dir);
    if (found) return found;
    const own =
      dir === this.root || path.relative(this.root, dir).startsWith('..')
        ? undefined
        : isFile(path.join(dir, 'tsconfig.json'))
          ? tsconfigPaths(path.join(dir, 'tsconfig.json'))
          : undefined;
    found = own
      ? [...own, ...this.paths]
      : dir === this.root || path.relative(this.root, dir).startsWith('..')
        ? this.paths
        : this.pathsFor(dir);
    this.localPaths.set(dir, found);
    return found;
  }

  private findPackages(): void {
    const rootPkg = readJson(path.join(this.root, 'package.json'));
    const globs = Array.isArray(rootPkg?.workspaces)
      ? (rootPkg.workspaces as string[])
      : ((rootPkg?.workspaces as { packages?: string[] })?.packages ?? []);
    const dirs = new Set<string>();
    for (const glob of [...globs, 'apps/*', 'libs/*', 'packages/*', 'libs/*/*']) {
      const parts = glob.replace(/\/\*\*$/, '/*').split('/');
      let current = [this.root];
      for (const part of parts) {
        const next: string[] = [];
        for (const dir of current) {
          if (part === '*') {
            try {
              for (const e of fs.readdirSync(dir, { withFileTypes: true }))
                if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
                  next.push(path.join(dir, e.name));
            } catch {
              // missing folder
            }
          } else next.push(path.join(dir, part));
        }
        current = next;
      }
      current.forEach((d) => dirs.add(d));
    }
    for (const dir of dirs) {
      const pkg = readJson(path.join(dir, 'package.json'));
      if (typeof pkg?.name === 'string') this.packages.set(pkg.name, dir);
    }
  }

  /** The source file behind a path without extension, a `.js` import, or a folder. */
  private tryFile(base: string): string | undefined {
    if (isFile(base) && EXTENSIONS.some((e) => base.endsWith(e))) {
      // ESM projects import `./x.js` for `./x.ts`.
      if (/\.[cm]?js$/.test(base)) {
        const ts = base.replace(/\.([cm]?)js$/, '.$1ts');
        if (isFile(ts)) return ts;
      }
      return base;
    }
    // As TypeScript resolves them: `./x.js` is x.ts or x.tsx, `./x.mjs` x.mts, `./x.cjs` x.cts.
    const js = /\.(js|jsx|mjs|cjs)$/.exec(base);
    if (js) {
      for (const ext of TS_FOR_JS[js[1]]) {
        const candidate = base.slice(0, -js[0].length) + ext;
        if (isFile(candidate)) return candidate;
      }
    }
    for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
    for (const ext of EXTENSIONS) if (isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
    return undefined;
  }

  private packageEntry(dir: string, subpath: string): string | undefined {
    if (subpath) return this.tryFile(path.join(dir, 'src', subpath)) ?? this.tryFile(path.join(dir, subpath));
    const pkg = readJson(path.join(dir, 'package.json')) as
      { source?: string; main?: string; module?: string } | undefined;
    // Prefer sources over build output: libraries in a monorepo are read from src.
    for (const candidate of [pkg?.source, 'src/index', 'index', pkg?.module, pkg?.main]) {
      if (!candidate) continue;
      const found = this.tryFile(path.join(dir, candidate.replace(/^\.\//, '')));
      if (found && !found.includes(`${path.sep}dist${path.sep}`)) return found;
    }
    return undefined;
  }

  private readonly packageNames = new Map<string, string | undefined>();

  /**
   * The name of the package a path belongs to (its nearest package.json inside the workspace):
   * code of a library developed in the same repository is still that library.
   */
  packageOf(file: string): string | undefined {
    const dir = path.dirname(file);
    if (this.packageNames.has(dir)) return this.packageNames.get(dir);
    let name: string | undefined;
    if (!path.relative(this.root, dir).startsWith('..')) {
      const pkg = readJson(path.join(dir, 'package.json'));
      name = typeof pkg?.name === 'string' ? pkg.name : dir === this.root ? undefined : this.packageOf(dir);
    }
    this.packageNames.set(dir, name);
    return name;
  }

  /**
   * `#src/x.js` through the nearest package.json `imports` map; a target in build output
   * (`./build/*`) is read from the sources beside it (`./src/*`).
   */
  private subpathImport(specifier: string, fromFile: string): string | undefined {
    for (let dir = path.dirname(fromFile); !path.relative(this.root, dir).startsWith('..'); dir = path.dirname(dir)) {
      const imports = readJson(path.join(dir, 'package.json'))?.imports as Record<string, unknown> | undefined;
      if (imports && typeof imports === 'object') {
        for (const [pattern, rawTarget] of Object.entries(imports)) {
          const target = conditionTarget(rawTarget);
          const star = pattern.indexOf('*');
          const match =
            star < 0
              ? pattern === specifier
                ? ''
                : undefined
              : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))
                ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
                : undefined;
          if (match === undefined || !target) continue;
          const resolved = path.resolve(dir, target.replace('*', match));
          return (
            this.tryFile(resolved) ?? this.tryFile(resolved.replace(/([\\/])(build|dist|lib|out)([\\/])/, '$1src$3'))
          );
        }
        return undefined;
      }
      if (dir === this.root) break;
    }
    return undefined;
  }

  resolve(specifier: string, fromFile: string): string | undefined {
    const local = specifier.startsWith('.') || specifier.startsWith('#');
    const key = local
      ? `${path.dirname(fromFile)}\u0000${specifier}`
      : `${this.mapId(this.pathsFor(fromFile))}\u0000${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let found: string | undefined;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      found = this.tryFile(path.resolve(path.dirname(fromFile), specifier));
    } else if (specifier.startsWith('#')) {
      found = this.subpathImport(specifier, fromFile);
    } else {
      for (const [re, targets] of this.pathsFor(fromFile)) {
        const m = re.exec(specifier);
        if (!m) continue;
        for (const target of targets) {
          found = this.tryFile(target.replace('*', m[1] ?? ''));
          if (found) break;
        }
        if (found) break;
      }
      if (!found) {
        const [scopeOrName, maybeName, ...rest] = specifier.split('/');
        const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName;
        const subpath = (scopeOrName.startsWith('@') ? rest : [maybeName, ...rest]).filter(Boolean).join('/');
        const dir = this.packages.get(name);
        if (dir) found = this.packageEntry(dir, subpath);
      }
    }
    if (
      found &&
      (found.includes(`${path.sep}node_modules${path.sep}`) || path.relative(this.root, found).startsWith('..'))
    )
      found = undefined;
    this.cache.set(key, found);
    return found;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

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
export class WorkspaceResolver {
  private readonly paths: [RegExp, string[]][] = [];
  private readonly packages = new Map<string, string>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(readonly root: string) {
    for (const name of ['tsconfig.base.json', 'tsconfig.json']) {
      const config = readJson(path.join(root, name));
      const options = config?.compilerOptions as { baseUrl?: string; paths?: Record<string, string[]> } | undefined;
      if (!options?.paths) continue;
      const base = path.resolve(root, options.baseUrl ?? '.');
      for (const [pattern, targets] of Object.entries(options.paths)) {
        const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace('*', '(.*)')}$`);
        this.paths.push([re, targets.map((t) => path.resolve(base, t))]);
      }
      break;
    }
    this.findPackages();
  }

  private findPackages(): void {
    const rootPkg = readJson(path.join(this.root, 'package.json'));
    const globs = Array.isArray(rootPkg?.workspaces) ? (rootPkg!.workspaces as string[]) : ((rootPkg?.workspaces as { packages?: string[] })?.packages ?? []);
    const dirs = new Set<string>();
    for (const glob of [...globs, 'apps/*', 'libs/*', 'packages/*', 'libs/*/*']) {
      const parts = glob.replace(/\/\*\*$/, '/*').split('/');
      let current = [this.root];
      for (const part of parts) {
        const next: string[] = [];
        for (const dir of current) {
          if (part === '*') {
            try {
              for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) next.push(path.join(dir, e.name));
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
    if (/\.[cm]?jsx?$/.test(base)) {
      for (const ext of ['.ts', '.tsx']) {
        const candidate = base.replace(/\.[cm]?jsx?$/, ext);
        if (isFile(candidate)) return candidate;
      }
    }
    for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
    for (const ext of EXTENSIONS) if (isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
    return undefined;
  }

  private packageEntry(dir: string, subpath: string): string | undefined {
    if (subpath) return this.tryFile(path.join(dir, 'src', subpath)) ?? this.tryFile(path.join(dir, subpath));
    const pkg = readJson(path.join(dir, 'package.json')) as { source?: string; main?: string; module?: string } | undefined;
    // Prefer sources over build output: libraries in a monorepo are read from src.
    for (const candidate of [pkg?.source, 'src/index', 'index', pkg?.module, pkg?.main]) {
      if (!candidate) continue;
      const found = this.tryFile(path.join(dir, candidate.replace(/^\.\//, '')));
      if (found && !found.includes(`${path.sep}dist${path.sep}`)) return found;
    }
    return undefined;
  }

  resolve(specifier: string, fromFile: string): string | undefined {
    const key = specifier.startsWith('.') ? `${path.dirname(fromFile)}\u0000${specifier}` : specifier;
    if (this.cache.has(key)) return this.cache.get(key);
    let found: string | undefined;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      found = this.tryFile(path.resolve(path.dirname(fromFile), specifier));
    } else {
      for (const [re, targets] of this.paths) {
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
    if (found && (found.includes(`${path.sep}node_modules${path.sep}`) || path.relative(this.root, found).startsWith('..'))) found = undefined;
    this.cache.set(key, found);
    return found;
  }
}

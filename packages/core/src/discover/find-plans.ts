import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** File names recognised as plans. */
export const PLAN_FILE_NAMES: readonly string[] = ['deploy-plan.yaml', 'deploy-plan.yml'];

/** Folders never searched: installed packages, build output, VCS and Nx internals. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', '.cache']);

export interface FindPlansOptions {
  /** Workspace root: .gitignore files are read from here down; `ignore` globs are relative to it. */
  root: string;
  /** Extra gitignore-style patterns, relative to the root. */
  ignore?: readonly string[];
  /** Files known to exist elsewhere than on disk (staged in the git index): taken as given. */
  exists?: (absolute: string) => boolean;
}

export interface FindPlansResult {
  /** Absolute paths, sorted. */
  files: string[];
  /** Inputs that do not exist. */
  missing: string[];
}

interface Scope {
  dir: string;
  rules: Ignore;
}

function readGitignore(dir: string): Ignore | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

function isIgnored(scopes: readonly Scope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = path.relative(scope.dir, absolute).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The .gitignore scopes that apply to `dir`: the root's and every folder's between. */
function scopesFor(root: string, dir: string, extra: Ignore | undefined): Scope[] {
  const scopes: Scope[] = extra ? [{ dir: root, rules: extra }] : [];
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return scopes;
  let current = root;
  const parts = rel ? rel.split(path.sep) : [];
  for (let i = 0; i <= parts.length; i++) {
    const rules = readGitignore(current);
    if (rules) scopes.push({ dir: current, rules });
    if (i < parts.length) current = path.join(current, parts[i]);
  }
  return scopes;
}

/**
 * Finds plan files below `inputs` (files are taken as given; a link to a folder given as an input
 * is searched like the folder). Skips node_modules, dist, .git, .nx and whatever .gitignore files
 * (root and nested) and `ignore` patterns exclude. Does not follow symbolic links to directories
 * below the inputs. A directory named like a plan is returned as a file so the loader reports it.
 * The walk keeps its own stack, so no folder depth can overflow the call stack.
 */
export function findPlanFiles(inputs: readonly string[], options: FindPlansOptions): FindPlansResult {
  const root = path.resolve(options.root);
  const extra = options.ignore?.length ? ignore().add([...options.ignore]) : undefined;
  const found = new Set<string>();
  const missing: string[] = [];

  const walk = (start: string, startScopes: Scope[]) => {
    const stack: [string, Scope[]][] = [[start, startScopes]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [dir, scopes] = next;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: nothing to find in it
      }
      // Read .gitignore only where the listing shows one: a failed read per folder is costly.
      const own = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? readGitignore(dir) : undefined;
      const here = own && !scopes.some((s) => s.dir === dir) ? [...scopes, { dir, rules: own }] : scopes;
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const isPlanName = PLAN_FILE_NAMES.includes(entry.name);
        if (entry.isDirectory()) {
          if (SKIPPED_DIRS.has(entry.name) || isIgnored(here, full, true)) continue;
          if (isPlanName) found.add(full);
          stack.push([full, here]);
        } else if (isPlanName && !isIgnored(here, full, false)) {
          found.add(full);
        }
      }
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(input);
    if (options.exists?.(absolute)) {
      found.add(absolute);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      // A dangling link still goes to the loader, which says what it is.
      if (!fs.lstatSync(absolute, { throwIfNoEntry: false })) {
        missing.push(input);
        continue;
      }
      found.add(absolute);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, scopesFor(root, path.dirname(absolute), extra));
    else found.add(absolute);
  }
  return { files: [...found].sort(), missing };
}

/**
 * The workspace root for `cwd`: the nearest folder with nx.json, else the nearest with a .git,
 * else `cwd` itself.
 */
export function findWorkspaceRoot(cwd: string): string {
  const start = path.resolve(cwd);
  for (const marker of ['nx.json', '.git']) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, marker))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return start;
}

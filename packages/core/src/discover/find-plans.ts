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

/** Gitignore rules that answer whether a path is ignored. */
interface Rules {
  ignores(relative: string): boolean;
}

interface Scope {
  dir: string;
  rules: Rules;
  /** The folder's own .gitignore (not the config's `ignore` patterns, also rooted at the root). */
  gitignore: boolean;
}

/**
 * Longest gitignore pattern used: no path needs more (Linux's PATH_MAX), and the `ignore` package
 * makes a pattern a regular expression that V8 takes time in proportion to compile (a pattern of
 * 4096 characters of `*a` takes a quarter of a second) or refuses past some 10,000.
 */
export const MAX_IGNORE_PATTERN = 4096;

/**
 * Why a gitignore pattern cannot be used, or undefined when it can: it is too long, or the
 * `ignore` package cannot compile it (it does so when a path is first tested).
 */
export function ignorePatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_IGNORE_PATTERN) return `longer than ${MAX_IGNORE_PATTERN} characters`;
  try {
    ignore().add(pattern).ignores('deploy-plan-probe');
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 quotes the whole expression before its reason; the reason is what a person needs.
    return message.replace(/^Invalid regular expression: \/[^]*\/[a-z]*: /, '');
  }
}

/**
 * The rules of gitignore lines. A line that cannot be used (see ignorePatternProblem) ignores
 * nothing, as if it were not there, and the other lines still apply: the checker never fails on
 * it. Lines are compiled one by one only once the whole set has failed, so clean files cost
 * nothing more.
 */
function rulesOf(all: readonly string[]): Rules {
  const lines = all.filter((line) => line.length <= MAX_IGNORE_PATTERN);
  let rules: Ignore = ignore().add(lines);
  let checked = false;
  return {
    ignores(relative) {
      if (checked) return rules.ignores(relative);
      try {
        return rules.ignores(relative);
      } catch {
        checked = true;
        rules = ignore().add(lines.filter((line) => ignorePatternProblem(line) === undefined));
        return rules.ignores(relative);
      }
    },
  };
}

function readGitignore(dir: string): Rules | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return rulesOf(text.split(/\r?\n/));
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
function scopesFor(root: string, dir: string, extra: Rules | undefined): Scope[] {
  const scopes: Scope[] = extra ? [{ dir: root, rules: extra, gitignore: false }] : [];
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return scopes;
  let current = root;
  const parts = rel ? rel.split(path.sep) : [];
  for (let i = 0; i <= parts.length; i++) {
    const rules = readGitignore(current);
    if (rules) scopes.push({ dir: current, rules, gitignore: true });
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
  const extra = options.ignore?.length ? rulesOf(options.ignore) : undefined;
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
      // Unless scopesFor read it already (a start below the root); the config's patterns are not it.
      const known = scopes.some((s) => s.gitignore && s.dir === dir);
      const here = own && !known ? [...scopes, { dir, rules: own, gitignore: true }] : scopes;
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

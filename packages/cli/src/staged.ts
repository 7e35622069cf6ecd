import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_FILE_NAMES, type FactProvider } from '@deploy-plan/core';
import { UsageError } from './io';
import { loadFactProvider, prepareCheck, type Prepared, type PrepareOptions } from './prepare';

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
    throw new UsageError(`--staged needs a git repository: ${stderr || (error as Error).message}`);
  }
}

const list = (output: string) => output.split('\0').filter(Boolean);

/** Files whose change can change what a project's code does (what code inspection follows). */
const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** What a staged change asks to check. */
export interface StagedChange {
  /** The top of the git work tree. */
  top: string;
  /** Staged paths (added, changed, renamed or deleted), relative to `top`, POSIX. */
  files: string[];
  /** Every plan in the index, relative to `top`. */
  plans: string[];
  /** The plans of the projects that own a staged file. */
  owners: string[];
  /** Staged code files outside every project with a plan (libraries): their importers are checked too. */
  outside: string[];
}

/**
 * The staged change: the staged files, the plans of the projects that own them (a project owns
 * the files below the folder of its plan) and the staged code files no such project owns.
 * Undefined when nothing staged concerns a project.
 */
export function stagedChange(cwd: string): StagedChange | undefined {
  // Paths from `git diff` and `ls-files --full-name` are relative to the top of the work tree,
  // wherever the command runs; the top itself is asked for only when there is something to check.
  const files = list(git(cwd, ['diff', '--cached', '--name-only', '--diff-filter=ACMRD', '-z']));
  if (!files.length) return undefined;
  const pathspecs = PLAN_FILE_NAMES.flatMap((name) => [`:(top)${name}`, `:(top)*/${name}`]);
  const plans = list(git(cwd, ['ls-files', '--cached', '--full-name', '-z', '--', ...pathspecs]));
  const byDir = new Map(plans.map((f) => [path.posix.dirname(f), f]));
  const owners = new Set<string>();
  const outside: string[] = [];
  for (const file of files) {
    const owner = ownerOf(file, byDir);
    if (owner) owners.add(owner);
    else if (CODE_FILE.test(file)) outside.push(file);
  }
  if (!owners.size && !outside.length) return undefined;
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  return { top, files, plans, owners: [...owners].sort(), outside };
}

function ownerOf(file: string, byDir: Map<string, string>): string | undefined {
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    const plan = byDir.get(dir);
    if (plan) return plan;
    if (dir === '.' || dir === '/') return undefined;
  }
}

/** The tree a staged check reads: the work tree itself, or a copy of the index. */
export interface CommitTree {
  /** Where the files of the commit are. */
  top: string;
  /** True when `top` is a copy of the index (the work tree differs from it). */
  copied: boolean;
  dispose(): void;
}

/**
 * The files the commit will hold. When the work tree has no unstaged change and no untracked
 * file, that is the work tree. Otherwise the index is copied (`git checkout-index`) into a
 * folder beside the code-facts cache, with the work tree's `node_modules` folders and Nx workspace data
 * linked in, so that code is read as it will be committed and resolves its packages as before.
 */
export function commitTree(top: string): CommitTree {
  const unstaged = list(git(top, ['diff', '--name-only', '-z']));
  const untracked = list(git(top, ['ls-files', '--others', '--exclude-standard', '-z']));
  if (!unstaged.length && !untracked.length) return { top, copied: false, dispose: () => undefined };
  // One folder per repository, so that the code-facts cache of the copy is reused.
  const modules = path.join(top, 'node_modules');
  const dir = fs.existsSync(modules)
    ? path.join(modules, '.cache', 'deploy-plan', 'staged')
    : path.join(os.tmpdir(), `deploy-plan-staged-${createHash('sha1').update(top).digest('hex').slice(0, 16)}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    git(top, ['checkout-index', '--all', '--force', `--prefix=${dir}${path.sep}`]);
    const ignored = list(git(top, ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z']));
    for (const entry of ignored) {
      const rel = entry.replace(/\/$/, '');
      const name = path.posix.basename(rel);
      if (!entry.endsWith('/') || (name !== 'node_modules' && name !== '.nx')) continue;
      const link = path.join(dir, rel);
      if (fs.existsSync(link)) continue;
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(top, rel), link, 'dir');
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { top: dir, copied: true, dispose };
}

/**
 * The plans whose projects import a staged library file: from Nx's project graph when there is
 * one (the projects that depend on the file's project), and from what each other project's
 * code inspection read (also without Nx, and when the graph is older than the change).
 */
function importerPlans(
  change: StagedChange,
  tree: CommitTree,
  root: string,
  options: CheckStagedOptions,
  chosen: ReadonlySet<string>,
): string[] {
  const rel = (file: string) => path.relative(root, path.join(tree.top, file)).split(path.sep).join('/');
  const outside = new Set(change.outside.map(rel));
  const planOf = new Map(change.plans.map((p) => [rel(path.posix.dirname(p)), p]));
  const found = new Set(nxDependents(root, outside, planOf));
  const rest = change.plans.filter((p) => !chosen.has(p) && !found.has(p));
  if (rest.length) {
    const readBy = new Map<string, readonly string[]>();
    const provider = options.facts ?? loadFactProvider(options.cache !== false);
    const recording: FactProvider = (request) => {
      const facts = provider(request);
      if (facts.code) readBy.set(request.projectDir, facts.code.files);
      return facts;
    };
    prepareCheck({ ...options, root, paths: rest.map((p) => path.join(tree.top, p)), facts: recording });
    for (const [projectDir, files] of readBy) {
      const plan = planOf.get(path.relative(root, projectDir).split(path.sep).join('/'));
      if (plan && files.some((f) => outside.has(f))) found.add(plan);
    }
  }
  return [...found];
}

/** Plans of the Nx projects that depend, directly or not, on the projects owning these files. */
function nxDependents(root: string, files: ReadonlySet<string>, planOf: ReadonlyMap<string, string>): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a library file is staged
  const { readNxGraph } = require('@deploy-plan/inspect') as typeof import('@deploy-plan/inspect');
  const graph = readNxGraph(root);
  const projectRoots = graph?.roots;
  if (!graph || !projectRoots) return [];
  const roots = Object.entries(projectRoots).sort(([, a], [, b]) => b.length - a.length);
  const changed = new Set<string>();
  for (const file of files) {
    const owner = roots.find(([, dir]) => dir === '.' || dir === '' || file.startsWith(`${dir}/`));
    if (owner) changed.add(owner[0]);
  }
  const dependents = new Set<string>();
  let grew = changed.size > 0;
  while (grew) {
    grew = false;
    for (const [name, deps] of Object.entries(graph.dependencies)) {
      if (dependents.has(name) || !deps.some((d) => changed.has(d) || dependents.has(d))) continue;
      dependents.add(name);
      grew = true;
    }
  }
  return [...dependents].flatMap((name) => {
    const plan = Object.hasOwn(projectRoots, name) ? planOf.get(projectRoots[name]) : undefined;
    return plan ? [plan] : [];
  });
}

export type CheckStagedOptions = Omit<PrepareOptions, 'paths' | 'root'>;

/**
 * `check --staged`: checks what the commit will hold. The projects checked are those that own a
 * staged file and those whose code imports a staged library file; plans, config and code are
 * read as staged. Undefined when the change concerns no project with a plan.
 */
export function checkStaged(cwd: string, root: string, options: CheckStagedOptions): Prepared | undefined {
  const change = stagedChange(cwd);
  if (!change) return undefined;
  const tree = commitTree(change.top);
  try {
    const checkedRoot = path.join(tree.top, path.relative(change.top, root));
    // The config and the suppressions file are read as staged too.
    const staged = (file: string | undefined) =>
      file && path.isAbsolute(file) ? path.join(checkedRoot, path.relative(root, file)) : file;
    const settings = {
      ...options,
      configPath: staged(options.configPath),
      suppressionsPath: staged(options.suppressionsPath),
    };
    const chosen = new Set(change.owners);
    if (change.outside.length)
      for (const plan of importerPlans(change, tree, checkedRoot, settings, chosen)) chosen.add(plan);
    if (!chosen.size) return undefined;
    const paths = [...chosen].sort().map((p) => path.join(tree.top, p));
    return prepareCheck({ ...settings, root: checkedRoot, paths });
  } finally {
    tree.dispose();
  }
}

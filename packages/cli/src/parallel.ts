import * as os from 'node:os';
import * as path from 'node:path';
import type { Dirent } from 'node:fs';
import { findPlanFiles, loadConfig, relativePosix, sortDiagnostics, type CheckResult, type PlanResult } from '@deploy-plan/core';
import { compileCacheDir } from '@deploy-plan/core/dist/runtime/compile-cache';
import { raisedInterruptBudget, restoreInterruptBudget } from '@deploy-plan/core/dist/runtime/v8-flags';
import { loadSetup, prepareCheck, type Prepared, type PrepareOptions } from './prepare';

/**
 * Below this many plans a worker's start-up (~80 ms, and a second copy of every hot function
 * to compile) costs more than it saves. Validation alone is cheap per plan, so `--schema-only`
 * only goes parallel for far larger runs.
 */
export const PLANS_PER_WORKER = { policies: 250, schemaOnly: 2500 };

/** Plans a thread takes at a time from the shared list. */
const BATCH = 8;

/** What a worker needs to check its share: plain data, and the shared turn counter. */
export interface WorkerTask {
  root: string;
  /** Every plan of the run, sorted; threads take batches of them in turn (see `takeTurns`). */
  files: string[];
  /** Int32Array over it: [0] is the index of the next plan to take. */
  next: SharedArrayBuffer;
  configPath?: string;
  now?: string;
  maxFileSize?: number;
  schemaOnly?: boolean;
  cache?: boolean;
  /** The bundled CLI this thread runs, and the compile cache folder (none: off): the worker uses the same. */
  bundle?: string;
  compileCache?: string;
  /** V8's interrupt budget as the launcher raised it (see v8-tuning.ts): a process-wide flag, so the worker's too. */
  interruptBudget?: number;
}

/** How many threads to use for `count` plans: `auto` uses up to the machine's cores (at most 4). */
export function threadsFor(count: number, concurrency: number | 'auto' | 'off', schemaOnly = false): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, count));
  const perWorker = schemaOnly ? PLANS_PER_WORKER.schemaOnly : PLANS_PER_WORKER.policies;
  return Math.max(1, Math.min(4, os.availableParallelism(), Math.floor(count / perWorker)));
}

/**
 * The plans this thread checks: batches taken from the shared list until it is empty. A thread
 * that is slow to start or slower per plan simply takes fewer batches, so all threads finish at
 * about the same time whatever the machine is doing.
 */
export function* takeTurns(files: readonly string[], next: SharedArrayBuffer): Generator<string> {
  const counter = new Int32Array(next);
  for (;;) {
    const start = Atomics.add(counter, 0, BATCH);
    if (start >= files.length) return;
    for (let i = start; i < Math.min(start + BATCH, files.length); i++) yield files[i];
  }
}

/** The plans (absolute paths) that have no result among `plans` (workspace-relative files). */
export function unreturned(files: readonly string[], root: string, plans: readonly PlanResult[]): string[] {
  const done = new Set(plans.map((p) => p.file));
  return files.filter((f) => !done.has(relativePosix(root, f)));
}

/** What a worker does: check plans taken in turn from the shared list (see worker.ts). */
export function checkShare(task: WorkerTask): CheckResult {
  return prepareCheck(
    {
      root: task.root,
      paths: [],
      configPath: task.configPath,
      now: task.now ? new Date(task.now) : undefined,
      maxFileSize: task.maxFileSize,
      schemaOnly: task.schemaOnly,
      cache: task.cache,
    },
    undefined,
    { files: takeTurns(task.files, task.next) },
  ).result;
}

function runWorker(task: WorkerTask): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: task });
    worker.once('message', (result: CheckResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`a check worker stopped with exit code ${code}`)));
  });
}

/**
 * Checks with several threads when there are many plans: the plans are found once; this thread
 * and the workers take batches of them in turn from one shared counter, and the results are
 * merged and sorted, so the output is the same as a single-threaded run. Plans a failed worker
 * had taken are checked again here. Few plans run in this thread only.
 */
export async function checkWithThreads(options: PrepareOptions & { concurrency: number | 'auto' | 'off' }): Promise<Prepared> {
  // The plans are found before the policies load, so workers start as early as they can.
  const loaded = loadConfig(options.root, options.configPath);
  const inputs = options.paths.length ? options.paths : [options.root];
  const listings = new Map<string, Dirent[]>();
  const { files, missing } = findPlanFiles(inputs, { root: options.root, ignore: loaded.config.ignore ?? [], listings });
  const threads = threadsFor(files.length, options.concurrency, options.schemaOnly);
  // One thread: check here with what was just loaded and found (missing inputs are reported),
  // with V8's default interrupt budget (see v8-tuning.ts) for the pack and ts-morph.
  if (threads <= 1 || missing.length) {
    restoreInterruptBudget();
    return prepareCheck(options, loadSetup(options, loaded), missing.length ? undefined : { files, listings });
  }

  const next = new SharedArrayBuffer(4);
  const task: WorkerTask = {
    root: options.root,
    files,
    next,
    configPath: options.configPath,
    now: options.now?.toISOString(),
    maxFileSize: options.maxFileSize,
    schemaOnly: options.schemaOnly,
    cache: options.cache,
    // Running from the bundle (dist/deploy-plan.cjs): the worker loads it too. Either way it uses
    // the compile cache folder this thread uses (for the bundle, and the compiler inspection loads).
    ...(__filename.endsWith('.cjs') ? { bundle: __filename } : {}),
    compileCache: compileCacheDir(process.env, process.cwd()),
    interruptBudget: raisedInterruptBudget(),
  };
  const pending = Array.from({ length: threads - 1 }, () => runWorker(task));
  const setup = loadSetup(options, loaded);
  const own = prepareCheck(options, setup, { files: takeTurns(files, next), listings }).result;
  const settled = await Promise.allSettled(pending);
  const plans: PlanResult[] = [...own.plans];
  for (const s of settled) if (s.status === 'fulfilled') plans.push(...s.value.plans);
  if (settled.some((s) => s.status === 'rejected')) {
    // A worker failed: check here whatever no thread returned.
    const left = unreturned(files, options.root, plans);
    if (left.length) plans.push(...prepareCheck(options, setup, { files: left, listings }).result.plans);
  }
  plans.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    config: setup.config,
    policies: setup.policies,
    result: {
      root: options.root,
      plans,
      diagnostics: sortDiagnostics(plans.flatMap((p) => p.diagnostics)),
      configDiagnostics: own.configDiagnostics,
      missing: [],
    },
  };
}

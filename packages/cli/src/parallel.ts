import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findPlanFiles, loadConfig, resolveConfig, sortDiagnostics, type CheckResult } from '@deploy-plan/core';
import { loadPolicyDirs } from './policy-dirs';
import { loadBuiltinPolicies, prepareCheck, type Prepared, type PrepareOptions } from './prepare';

/**
 * Below this many plans a worker's start-up (~100 ms) costs more than it saves. Validation
 * alone is cheap per plan, so `--schema-only` only goes parallel for far larger runs.
 */
export const PLANS_PER_WORKER = { policies: 250, schemaOnly: 2500 };

/** What a worker needs to check its share: plain data only. */
export interface WorkerTask {
  root: string;
  files: string[];
  configPath?: string;
  now?: string;
  maxFileSize?: number;
  schemaOnly?: boolean;
  cache?: boolean;
}

/** How many threads to use for `count` plans: `auto` uses up to the machine's cores (at most 4). */
export function threadsFor(count: number, concurrency: number | 'auto' | 'off', schemaOnly = false): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, count));
  const perWorker = schemaOnly ? PLANS_PER_WORKER.schemaOnly : PLANS_PER_WORKER.policies;
  return Math.max(1, Math.min(4, os.availableParallelism(), Math.floor(count / perWorker)));
}

function runWorker(task: WorkerTask): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: task });
    worker.once('message', (result: CheckResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`a check worker stopped with exit code ${code}`)));
  });
}

/**
 * Checks with several threads when there are many plans: the plans are found once, dealt out
 * round-robin, checked by workers and by this thread, and the results merged and sorted, so the
 * output is the same as a single-threaded run. Few plans run in this thread only.
 */
export async function checkWithThreads(options: PrepareOptions & { concurrency: number | 'auto' | 'off' }): Promise<Prepared> {
  const loaded = loadConfig(options.root, options.configPath);
  const builtin = options.schemaOnly ? [] : loadBuiltinPolicies();
  const extra = options.schemaOnly ? { policies: [], diagnostics: [] } : loadPolicyDirs(options.root, loaded, builtin);
  const config = resolveConfig({ ...loaded, diagnostics: [...loaded.diagnostics, ...extra.diagnostics] }, [...builtin, ...extra.policies]);
  const inputs = options.paths.length ? options.paths : [options.root];
  const { files, missing } = findPlanFiles(inputs, { root: options.root, ignore: config.ignore });
  const threads = threadsFor(files.length, options.concurrency, options.schemaOnly);
  if (threads <= 1 || missing.length) return prepareCheck(options);

  // This thread starts at once; a worker first spends ~100 ms starting up and loading modules,
  // so this thread takes a larger share (files are dealt in proportion, round-robin).
  const weights = [1.5, ...Array.from({ length: threads - 1 }, () => 1)];
  const shares: string[][] = weights.map(() => []);
  const taken = weights.map(() => 0);
  for (const file of files) {
    let pick = 0;
    for (let k = 1; k < threads; k++) if (taken[k] / weights[k] < taken[pick] / weights[pick]) pick = k;
    shares[pick].push(file);
    taken[pick]++;
  }
  const task = (share: string[]): WorkerTask => ({
    root: options.root,
    files: share,
    configPath: options.configPath,
    now: options.now?.toISOString(),
    maxFileSize: options.maxFileSize,
    schemaOnly: options.schemaOnly,
    cache: options.cache,
  });
  const pending = shares.slice(1).map((share) => runWorker(task(share)));
  const own = prepareCheck({ ...options, paths: shares[0] }).result;
  const results = [own, ...(await Promise.all(pending))];
  const plans = results.flatMap((r) => r.plans).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    config,
    policies: [...builtin, ...extra.policies],
    result: {
      root: options.root,
      plans,
      diagnostics: sortDiagnostics(plans.flatMap((p) => p.diagnostics)),
      configDiagnostics: own.configDiagnostics,
      missing: [],
    },
  };
}

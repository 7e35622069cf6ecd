// A check worker: takes batches of plans in turn with the other threads, checks them and posts
// the result back (see parallel.ts). Under the bundled CLI it runs the same bundle, with the
// same code cache, so it starts as fast as the main thread did.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerTask } from './parallel';

const task = workerData as WorkerTask;
/* eslint-disable @typescript-eslint/no-require-imports */
const runtime = require('@deploy-plan/core/dist/runtime/compile-cache') as typeof import('@deploy-plan/core/dist/runtime/compile-cache');
// The process's V8 flags are this thread's: its compile caches are the ones made under them.
if (task.interruptBudget) (require('@deploy-plan/core/dist/runtime/v8-flags') as typeof import('@deploy-plan/core/dist/runtime/v8-flags')).markInterruptBudgetRaised(task.interruptBudget);
runtime.useCompileCacheDir(task.compileCache);
const cli = task.bundle ? (runtime.requireWithCompileCache(task.bundle, task.compileCache).exports as unknown as typeof import('./cli')) : (require('./cli') as typeof import('./cli'));
/* eslint-enable @typescript-eslint/no-require-imports */
parentPort?.postMessage(cli.checkShare(task));

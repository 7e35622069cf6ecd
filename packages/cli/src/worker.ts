// A check worker: takes batches of plans in turn with the other threads, checks them and posts
// the result back (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { takeTurns, type WorkerTask } from './parallel';
import { prepareCheck } from './prepare';

const task = workerData as WorkerTask;
const { result } = prepareCheck(
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
);
parentPort?.postMessage(result);

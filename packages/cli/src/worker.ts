// A check worker: checks the plans it is given and posts the result back (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerTask } from './parallel';
import { prepareCheck } from './prepare';

const task = workerData as WorkerTask;
const { result } = prepareCheck({
  root: task.root,
  paths: task.files,
  configPath: task.configPath,
  now: task.now ? new Date(task.now) : undefined,
  maxFileSize: task.maxFileSize,
  schemaOnly: task.schemaOnly,
  cache: task.cache,
});
parentPort?.postMessage(result);

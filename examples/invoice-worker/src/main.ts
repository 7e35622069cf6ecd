import { HEALTH_PORT } from './config';
import { createHealthServer } from './health';
import { startWorker } from './worker';

const worker = startWorker();
const health = createHealthServer();
void health.listen({ port: HEALTH_PORT, host: '0.0.0.0' });

process.on('SIGTERM', async () => {
  await worker.close();
  await health.close();
  process.exit(0);
});

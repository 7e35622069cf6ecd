import { Worker, type Job } from 'bullmq';
import { WORKER_CONCURRENCY } from './config';
import { jobDuration, jobsProcessed } from './metrics';
import { QUEUE_NAME, redis, type InvoiceJob } from './queue';
import { renderInvoice } from './render';
import { storeInvoice } from './storage';

async function processInvoice(job: Job<InvoiceJob>): Promise<{ key: string }> {
  const stop = jobDuration.startTimer();
  try {
    if (!job.data.lines.length) throw new Error(`invoice ${job.data.invoiceId} has no lines`);
    const pdf = renderInvoice(job.data);
    const key = await storeInvoice(job.data.invoiceId, pdf);
    jobsProcessed.inc({ outcome: 'ok' });
    return { key };
  } catch (error) {
    jobsProcessed.inc({ outcome: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) ? 'failed' : 'retried' });
    throw error;
  } finally {
    stop();
  }
}

export function startWorker(): Worker<InvoiceJob> {
  return new Worker<InvoiceJob>(QUEUE_NAME, processInvoice, { connection: redis, concurrency: WORKER_CONCURRENCY });
}

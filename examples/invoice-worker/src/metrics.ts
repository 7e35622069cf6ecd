import { Counter, Gauge, Histogram } from 'prom-client';

export const jobsProcessed = new Counter({
  name: 'invoice_jobs_total',
  help: 'Invoice jobs finished, by outcome',
  labelNames: ['outcome'],
});

export const jobDuration = new Histogram({
  name: 'invoice_job_duration_seconds',
  help: 'Time to render, store and send one invoice',
  buckets: [1, 5, 15, 30, 60, 120],
});

export const queueDepth = new Gauge({
  name: 'invoice_queue_waiting',
  help: 'Invoice jobs waiting in the queue',
});

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://localhost:6379';
export const INVOICE_BUCKET = process.env.INVOICE_BUCKET ?? 'invoices-dev';
export const WORKER_CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
export const HEALTH_PORT = Number(process.env.HEALTH_PORT ?? 8080);

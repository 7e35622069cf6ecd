import IORedis from 'ioredis';
import { REDIS_URL } from './config';

export const QUEUE_NAME = 'invoices';

/** One connection shared by the worker and the readiness check. */
export const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });

export interface InvoiceJob {
  invoiceId: string;
  customerEmail: string;
  lines: { description: string; amountCents: number }[];
}

import { Router } from 'express';
import { db } from '../db';
import { paymentsClient } from '../payments-client';

export const healthRouter = Router();

/** Liveness: the process answers. Kubernetes restarts the pod when this fails. */
healthRouter.get('/live', (_req, res) => {
  res.json({ status: 'ok' });
});

/** Readiness: orders can be placed right now (database reachable, payments answering). */
healthRouter.get('/ready', async (_req, res) => {
  const checks = { database: false, payments: false };
  try {
    await db.query('SELECT 1');
    checks.database = true;
  } catch {
    // reported below
  }
  checks.payments = await paymentsClient.ping().catch(() => false);
  const ready = checks.database && checks.payments;
  res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
});

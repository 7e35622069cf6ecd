import { Router } from 'express';
import { Paths } from '../constants';
import { pool } from '../db';

export const healthRouter = Router();

healthRouter.get('/live', (_req, res) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

healthRouter.get(`/${Paths.Ready}`, async (_req, res) => {
  const ok = await checkDatabase();
  res.status(ok ? 200 : 503).json({ database: ok });
});

async function checkDatabase(): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

// Constant: the answer never depends on anything.
app.get('/readyz', (_req, res) => {
  // await pool.query('SELECT 1') -- a comment is not a check
  res.status(200).json({ status: 'ok', time: new Date().toISOString() });
});

// Weak: the database is queried, but a failure is caught and the answer is the same.
app.get('/health/ready', async (_req, res) => {
  try {
    await pool.query('SELECT 1');
  } catch {
    // logged elsewhere
  }
  res.json({ status: 'ok' });
});

// Weak: the query is fired and forgotten; the answer cannot depend on it.
app.get('/health/db', (_req, res) => {
  void pool.query('SELECT 1');
  res.json({ status: 'ok' });
});

// The helper still exists, but nobody calls it any more.
async function checkDb() {
  await pool.query('SELECT 1');
  return true;
}
void checkDb;

app.get('/status/ready', (_req, res) => {
  res.json({ ok: true });
});

export default app;

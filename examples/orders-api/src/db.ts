import { Pool } from 'pg';
import { config } from './config';

export const db = new Pool({ connectionString: config.databaseUrl, max: 20 });

export interface OrderRow {
  id: string;
  customer_id: string;
  total_cents: number;
  status: 'pending' | 'paid' | 'failed';
}

export async function insertOrder(customerId: string, totalCents: number): Promise<OrderRow> {
  const { rows } = await db.query<OrderRow>(
    'INSERT INTO orders (customer_id, total_cents, status) VALUES ($1, $2, $3) RETURNING *',
    [customerId, totalCents, 'pending'],
  );
  return rows[0];
}

export async function markOrder(id: string, status: OrderRow['status']): Promise<void> {
  await db.query('UPDATE orders SET status = $2 WHERE id = $1', [id, status]);
}

export async function findOrder(id: string): Promise<OrderRow | undefined> {
  const { rows } = await db.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0];
}

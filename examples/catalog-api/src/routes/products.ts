import type { FastifyInstance } from 'fastify';
import { pool } from '../db';
import { rankedSearchEnabled } from '../flags';
import { searchDuration, searches } from '../metrics';

export async function productRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { q?: string } }>('/api/products', async (request) => {
    const end = searchDuration.startTimer();
    const q = `%${request.query.q ?? ''}%`;
    try {
      const ranked = await rankedSearchEnabled();
      const sql = ranked
        ? 'SELECT id, name FROM products WHERE name ILIKE $1 ORDER BY popularity DESC LIMIT 50'
        : 'SELECT id, name FROM products WHERE name ILIKE $1 LIMIT 50';
      const { rows } = await pool.query(sql, [q]);
      searches.inc({ outcome: 'ok' });
      return rows;
    } catch (error) {
      searches.inc({ outcome: 'error' });
      throw error;
    } finally {
      end();
    }
  });

  app.get<{ Params: { id: string } }>('/api/products/:id', async (request, reply) => {
    const { rows } = await pool.query('SELECT id, name, price FROM products WHERE id = $1', [request.params.id]);
    return rows[0] ?? reply.code(404).send({ error: 'not found' });
  });
}

import type { FastifyPluginAsync } from 'fastify';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

const health: FastifyPluginAsync = async (app) => {
  app.get('/live', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const pong = await redis.ping();
    return reply.code(pong === 'PONG' ? 200 : 503).send({ redis: pong });
  });
};

export default health;

import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { queueDepth } from './metrics';
import { redis } from './queue';

const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/live', async () => ({ status: 'ok' }));

  // Ready when Redis answers: without it no job can be taken.
  app.get('/ready', async (_request, reply) => {
    try {
      const pong = await redis.ping();
      queueDepth.set(Number(await redis.llen('bull:invoices:wait')));
      return reply.code(pong === 'PONG' ? 200 : 503).send({ status: pong === 'PONG' ? 'ok' : 'unavailable' });
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
};

export function createHealthServer(): FastifyInstance {
  const app = Fastify();
  app.register(healthRoutes, { prefix: '/health' });
  return app;
}

import autoload from '@fastify/autoload';
import Fastify from 'fastify';
import path from 'node:path';
import healthPlugin from './plugins/health';

export function buildServer() {
  const app = Fastify({ logger: true });
  app.register(healthPlugin, { prefix: '/_' });
  app.register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/version',
    handler: async () => ({ version: '1.0.0' }),
  });
  return app;
}

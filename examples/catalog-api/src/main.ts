import Fastify from 'fastify';
import { FlagdProvider } from '@openfeature/flagd-provider';
import { OpenFeature } from '@openfeature/server-sdk';
import { config } from './config';
import { register } from './metrics';
import { healthRoutes } from './routes/health';
import { productRoutes } from './routes/products';

async function main(): Promise<void> {
  await OpenFeature.setProviderAndWait(new FlagdProvider({ host: config.flagdHost }));
  const app = Fastify({ logger: true });
  await app.register(healthRoutes);
  await app.register(productRoutes);
  app.get('/metrics', async (_request, reply) => reply.type(register.contentType).send(await register.metrics()));
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

void main();

import express from 'express';
import { register } from './metrics';
import { healthRouter } from './routes/health';
import { ordersRouter } from './routes/orders';

const API_PREFIX = '/api/v1';

export function createApp() {
  const app = express();
  app.use(express.json({ limit: '100kb' }));
  app.use(API_PREFIX, ordersRouter);
  app.use('/health', healthRouter);
  app.get('/metrics', async (_req, res) => {
    res.type(register.contentType).send(await register.metrics());
  });
  return app;
}

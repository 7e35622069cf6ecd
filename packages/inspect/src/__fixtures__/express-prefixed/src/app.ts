import express from 'express';
import { API_PREFIX, Paths, Version } from './constants';
import { adminRoutes } from './routes/admin';
import { healthRouter } from './routes/health';
import { v1Router } from './routes/v1';

function statusHandler(_req: express.Request, res: express.Response) {
  res.json({ ok: true });
}

export function createApp() {
  const app = express();
  app.use(express.json());
  app.use(`${API_PREFIX}/${Version.V1}`, v1Router);
  app.use(Paths.Health, healthRouter);
  app.use(process.env.ADMIN_PREFIX ?? '/admin', adminRoutes());
  app.route('/status').get(statusHandler).head(statusHandler);
  // app.get('/commented-out', statusHandler);
  const docs = "app.get('/in-a-string', statusHandler)";
  void docs;
  return app;
}

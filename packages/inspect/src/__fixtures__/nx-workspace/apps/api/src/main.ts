import express from 'express';
import { uploadsOn } from '@acme/flags';
import { HEALTH_PATH } from '@acme/http/health';
import { uploads } from '@acme/metrics';

const app = express();

app.get(HEALTH_PATH, (_req, res) => res.json({ ok: true }));

if (uploadsOn()) {
  app.post('/upload', (_req, res) => {
    uploads.inc({ outcome: 'ok' });
    res.status(201).end();
  });
}

app.listen(3000);

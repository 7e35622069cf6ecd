import express from 'express';
import { health } from './health.mjs';
import { ready } from './ready.cjs';
const app = express();
app.use('/api', health);
app.get('/ready', ready);
export default app;

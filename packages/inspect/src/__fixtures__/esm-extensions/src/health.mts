import { Router } from 'express';
export const health = Router();
health.get('/health', (req, res) => { res.send(process.env.HEALTH_TOKEN ?? 'ok'); });

import { Router } from 'express';

export function adminRoutes() {
  const router = Router();
  router.get('/stats', (_req, res) => res.json({ users: 0 }));
  return router;
}

import { Router, type Request, type Response } from 'express';

export const ordersRouter = Router();

const list = (_req: Request, res: Response) => res.json([]);

ordersRouter.get('/', list);
ordersRouter.get('/:id', (req, res) => res.json({ id: req.params.id }));
ordersRouter.post('/', async (req, res) => {
  res.status(201).json(req.body);
});

import { Router, type Request, type Response } from 'express';
import { findOrder, insertOrder, markOrder } from '../db';
import { isExpressCheckoutEnabled } from '../flags';
import { orderLatency, ordersCreated, paymentCalls } from '../metrics';
import { paymentsClient, PaymentsError } from '../payments-client';

export const ordersRouter = Router();

interface CreateOrderBody {
  customerId?: string;
  totalCents?: number;
  express?: boolean;
}

ordersRouter.post('/orders', async (req: Request<unknown, unknown, CreateOrderBody>, res: Response) => {
  const { customerId, totalCents, express } = req.body;
  if (!customerId || typeof totalCents !== 'number' || totalCents <= 0) {
    ordersCreated.inc({ outcome: 'invalid' });
    return res.status(400).json({ error: 'customerId and a positive totalCents are required' });
  }
  if (express && !(await isExpressCheckoutEnabled(customerId))) {
    return res.status(403).json({ error: 'express checkout is not available' });
  }
  const stop = orderLatency.startTimer();
  const order = await insertOrder(customerId, totalCents);
  try {
    await paymentsClient.charge(order.id, totalCents);
    paymentCalls.inc({ outcome: 'ok' });
    await markOrder(order.id, 'paid');
    ordersCreated.inc({ outcome: 'ok' });
    return res.status(201).json({ id: order.id, status: 'paid' });
  } catch (error) {
    paymentCalls.inc({ outcome: error instanceof PaymentsError ? 'rejected' : 'error' });
    await markOrder(order.id, 'failed');
    ordersCreated.inc({ outcome: 'payment_failed' });
    return res.status(502).json({ id: order.id, status: 'failed' });
  } finally {
    stop();
  }
});

ordersRouter.get('/orders/:id', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) return res.status(404).json({ error: 'not found' });
  return res.json(order);
});

import { Router } from 'express';
import { ordersRouter } from './orders';

export const v1Router = Router();
v1Router.use('/orders', ordersRouter);

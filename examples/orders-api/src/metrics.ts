import { Counter, Histogram, register } from 'prom-client';

const PREFIX = 'orders';

export const ordersCreated = new Counter({
  name: `${PREFIX}_created_total`,
  help: 'Orders created, by outcome',
  labelNames: ['outcome'],
});

export const orderLatency = new Histogram({
  name: `${PREFIX}_create_duration_seconds`,
  help: 'Time to create and charge an order',
  buckets: [0.1, 0.25, 0.5, 1, 2, 5],
});

export const paymentCalls = new Counter({
  name: 'payments_requests_total',
  help: 'Calls to the payments API, by outcome',
  labelNames: ['outcome'],
});

export { register };

import { Counter, Histogram, register } from 'prom-client';

export const searches = new Counter({
  name: 'catalog_searches_total',
  help: 'Product searches, by outcome',
  labelNames: ['outcome'],
});

export const searchDuration = new Histogram({
  name: 'catalog_search_duration_seconds',
  help: 'Time to answer a product search',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2],
});

export { register };

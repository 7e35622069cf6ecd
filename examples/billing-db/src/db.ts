import knex, { type Knex } from 'knex';
import { Counter } from 'prom-client';

export const queryErrors = new Counter({
  name: 'billing_db_query_errors_total',
  help: 'Billing queries that failed, by query',
  labelNames: ['query'],
});

let instance: Knex | undefined;

export function billingDb(): Knex {
  instance ??= knex({ client: 'pg', connection: process.env.BILLING_DATABASE_URL, pool: { min: 0, max: 10 } });
  return instance;
}

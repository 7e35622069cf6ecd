import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.BILLING_DATABASE_URL,
  migrations: { directory: './migrations', tableName: 'knex_migrations', extension: 'ts' },
  pool: { min: 0, max: 4 },
  acquireConnectionTimeout: 10000,
};

export default config;

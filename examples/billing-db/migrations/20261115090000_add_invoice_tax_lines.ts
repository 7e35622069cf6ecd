import type { Knex } from 'knex';

// Expand step: a nullable column old code ignores. The contract step (NOT NULL) ships
// only after every writer sets it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw("SET lock_timeout = '5s'");
  await knex.schema.alterTable('invoices', (t) => {
    t.jsonb('tax_lines').nullable();
    t.string('tax_country', 2).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invoices', (t) => {
    t.dropColumn('tax_country');
    t.dropColumn('tax_lines');
  });
}

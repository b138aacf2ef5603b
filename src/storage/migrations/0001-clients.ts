import type { Kysely } from 'kysely';
import { guardImmutableColumn } from '../dialect.js';

// Times are epoch milliseconds in `bigint` columns on both databases (see schema.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client')
    .addColumn('identifiant', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('civility', 'varchar(8)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_normalized', 'varchar(320)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_email_normalized_idx').on('client').column('email_normalized').execute();
  await guardImmutableColumn(db, 'client', 'identifiant');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client').execute();
}

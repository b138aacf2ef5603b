/**
 * Staff accounts for the back-office, and what makes client search instant on a million files.
 *
 * `client.name_key` is the name folded (lower case, no accents, single spaces) by `nameKey` in
 * JavaScript, so both databases hold the same bytes; it is compared with binary (C) ordering, which
 * lets a prefix search be an index range scan: `name_key >= 'dup' and name_key < 'duq'`.
 */
import { sql, type Kysely } from 'kysely';
import { nameKey } from '../../clients/name-key.js';
import { dialectOf, withAutoId } from '../dialect.js';

const BACKFILL_BATCH = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  await withAutoId(db, db.schema.createTable('staff'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_normalized', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(8)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)')
    // Stored in clear for now (base32); to be sealed like the outbox once the sealer is shared.
    .addColumn('totp_secret', 'varchar(64)')
    .addColumn('totp_enrolled_at', 'bigint')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('setup_token_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('setup_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  const binary = dialectOf(db) === 'postgres' ? sql`collate "C"` : sql``;
  await db.schema
    .alterTable('client')
    .addColumn('name_key', 'varchar(200)', (c) => c.notNull().defaultTo('').modifyEnd(binary))
    .execute();
  await backfillNameKeys(db);
  await db.schema.createIndex('client_name_key_idx').on('client').columns(['name_key', 'identifiant']).execute();
}

async function backfillNameKeys(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows: { identifiant: string; name: string }[] = await db
      .selectFrom('client')
      .select(['identifiant', 'name'])
      .where('identifiant', '>', after)
      .orderBy('identifiant')
      .limit(BACKFILL_BATCH)
      .execute();
    if (rows.length === 0) return;
    // One statement per batch (VALUES columns are column1, column2 on both databases).
    const values = sql.join(rows.map((row) => sql`(${row.identifiant}, ${nameKey(row.name)})`));
    await sql`update client set name_key = v.column2 from (values ${values}) as v where client.identifiant = v.column1`.execute(db);
    after = rows[rows.length - 1]!.identifiant;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('client_name_key_idx').execute();
  await db.schema.alterTable('client').dropColumn('name_key').execute();
  await db.schema.dropTable('staff').execute();
}

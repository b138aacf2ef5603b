import { sql, type Kysely } from 'kysely';
import { withAutoId } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withAutoId(db, db.schema.createTable('mail'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
    .addColumn('recipient_normalized', 'varchar(320)', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('sealed_content', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('message_id', 'varchar(255)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  // Per-address order (« Courriel n°3 ») and the worker's "no older unfinished mail" check.
  await db.schema.createIndex('mail_recipient_idx').on('mail').columns(['recipient_normalized', 'id']).execute();
  await db.schema.createIndex('mail_sequence_idx').on('mail').columns(['recipient_normalized', 'sequence']).unique().execute();
  // The worker's claim walks due mails in order and stops at its limit (see outbox-claims.ts); the
  // predicate is a literal so both databases can match it to the query's own.
  await db.schema
    .createIndex('mail_due_idx')
    .on('mail')
    .columns(['next_attempt_at', 'id'])
    .where(sql<boolean>`status in ('queued', 'retrying')`)
    .execute();
  await db.schema.createIndex('mail_lease_idx').on('mail').column('lease_until').where(sql<boolean>`status = 'sending'`).execute();

  await withAutoId(db, db.schema.createTable('password'))
    .addColumn('identifiant', 'varchar(10)', (c) => c.notNull().references('client.identifiant'))
    .addColumn('hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('mail_id', 'bigint', (c) => c.references('mail.id'))
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('first_used_at', 'bigint')
    .addColumn('retired_at', 'bigint')
    .addColumn('retired_reason', 'varchar(16)')
    .execute();
  // The worker asks, before sending, whether a mail's passwords are still live.
  await db.schema.createIndex('password_mail_idx').on('password').column('mail_id').execute();
  await db.schema.createIndex('password_client_idx').on('password').columns(['identifiant', 'retired_at']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'varchar(32)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(512)')
    .execute();
  await db.schema.createIndex('session_subject_idx').on('session').columns(['subject_kind', 'subject_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session').execute();
  await db.schema.dropTable('password').execute();
  await db.schema.dropTable('mail').execute();
}

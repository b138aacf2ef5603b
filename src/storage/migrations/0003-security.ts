import type { Kysely } from 'kysely';
import { withAutoId } from '../dialect.js';

// Rate-limit counters, per-identifiant login locks and the audit log (see schema.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counter')
    .addColumn('bucket', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counter_pk', ['bucket', 'key'])
    .execute();
  await db.schema.createIndex('rate_counter_window_idx').on('rate_counter').column('window_ends_at').execute();

  // No foreign key: unknown identifiants are locked the same way, so a lock reveals nothing.
  await db.schema
    .createTable('login_lock')
    .addColumn('identifiant', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withAutoId(db, db.schema.createTable('audit_event'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('identifiant', 'varchar(10)')
    .addColumn('staff_id', 'varchar(64)')
    .addColumn('subject_hash', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(512)')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_event_client_idx').on('audit_event').columns(['identifiant', 'at']).execute();
  await db.schema.createIndex('audit_event_staff_idx').on('audit_event').columns(['staff_id', 'at']).execute();
  await db.schema.createIndex('audit_event_subject_idx').on('audit_event').columns(['subject_hash', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_event').execute();
  await db.schema.dropTable('login_lock').execute();
  await db.schema.dropTable('rate_counter').execute();
}

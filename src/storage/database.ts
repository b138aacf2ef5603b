/**
 * Opens Kysely on the configured database: a SQLite file (WAL, one process) or a PostgreSQL pool.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { pgTypes } from './dialect.js';
import type { Schema } from './schema.js';

export type Db = Kysely<Schema>;

export interface DatabaseOptions {
  /** PostgreSQL pool size; SQLite uses one connection. */
  readonly poolSize?: number;
}

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Db {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      types: pgTypes,
      application_name: 'egec',
    });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  }
  if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new SQLite(target.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** For `/readyz`: resolves true when the database answers a trivial query. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

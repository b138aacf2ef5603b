/**
 * Real databases for tests: a fresh SQLite file in a temporary folder, or a fresh database on
 * this machine's PostgreSQL server (`EGEC_TEST_POSTGRES_URL`, default 127.0.0.1:5432/test).
 * Every DB test loops over `dialects`; a `describe` that needs one database for all its tests
 * calls `useFreshDatabase`, which owns the setup and teardown hooks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseTarget } from '../config.js';
import { openDatabase, type Db } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

export const dialects = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof dialects)[number];

export const testPostgresUrl = process.env.EGEC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  /** The value to give EGEC_DATABASE_URL for this database (for child processes). */
  readonly url: string;
  readonly db: Db;
  destroy(): Promise<void>;
}

export function tempDir(prefix = 'egec-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Creates an empty database of the given kind; `migrate` (default true) applies the schema. */
export async function freshDatabase(kind: TestDialect, { migrate = true } = {}): Promise<TestDatabase> {
  const { target, url, drop } = kind === 'sqlite' ? freshSqlite() : await freshPostgres();
  const db = openDatabase(target);
  if (migrate) {
    const outcome = await migrateToLatest(db);
    if (!outcome.ok) throw new Error(`migration ${outcome.failed} failed: ${outcome.message}`);
  }
  return {
    target,
    url,
    db,
    async destroy() {
      await db.destroy();
      await drop();
    },
  };
}

/**
 * One fresh database for the enclosing `describe`: created before its first test, destroyed
 * after its last (after the hooks registered later, which may still use it). The handle reads
 * through to that database, so it is usable in tests and later hooks, not at collection time.
 */
export function useFreshDatabase(kind: TestDialect, options: { migrate?: boolean } = {}): TestDatabase {
  let current: TestDatabase | undefined;
  const opened = (): TestDatabase => {
    if (!current) throw new Error('the test database opens in beforeAll: use it in hooks and tests');
    return current;
  };
  beforeAll(async () => {
    current = await freshDatabase(kind, options);
  });
  afterAll(async () => {
    await current?.destroy();
  });
  return {
    get target() {
      return opened().target;
    },
    get url() {
      return opened().url;
    },
    get db() {
      return opened().db;
    },
    destroy: () => opened().destroy(),
  };
}

function freshSqlite() {
  const dir = tempDir();
  const file = path.join(dir, 'egec.sqlite');
  return {
    target: { kind: 'sqlite', file } as const,
    url: file,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function freshPostgres() {
  const name = `egec_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() } as const,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

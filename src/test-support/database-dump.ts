/**
 * Everything a database holds, as text to search: the SQLite file's raw bytes (after a WAL
 * checkpoint, plus any WAL left, free pages included) or a `pg_dump` of the PostgreSQL database.
 * Used to prove a secret is nowhere at rest, not only absent from the columns we expect.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { TestDatabase } from './databases.js';

export async function dumpDatabase(t: TestDatabase): Promise<string> {
  if (t.target.kind === 'postgres') {
    const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', t.url], { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.db);
  const files = [t.target.file, `${t.target.file}-wal`].filter((f) => fs.existsSync(f));
  return files.map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
}

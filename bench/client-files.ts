/**
 * Client files at scale: `rows` files imported from one CSV through the real command
 * (`node dist/cli/main.js client import`) into a fresh database, timed from the outside; then the
 * two lookups the portal makes (by identifiant at login, by email at activation), timed one by
 * one on random files, reported as p99.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findClient, findClientsByEmail } from '../src/clients/client-repository.js';
import { freshDatabase, type TestDatabase, type TestDialect } from '../src/test-support/databases.js';
import { egecBinary } from '../src/test-support/egec-binary.js';

const NAMES = ['Lefèvre', 'Müller', 'Dupont', 'Œuvre SARL', 'Martin-Laurent', 'Nguyễn', 'García'];

export const identifiantOf = (i: number) => String(1_000_000_000 + i * 7);
export const emailOf = (i: number) => `client.${i}@exemple.fr`;

function writeCsv(file: string, rows: number): void {
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, 'identifiant;civilité;nom;courriel\r\n');
    for (let start = 0; start < rows; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + 10_000); i++) {
        lines.push(`${identifiantOf(i)};${['M.', 'Mme', ''][i % 3]};${NAMES[i % NAMES.length]} ${i};${emailOf(i)}\r\n`);
      }
      fs.writeSync(out, lines.join(''));
    }
  } finally {
    fs.closeSync(out);
  }
}

export interface ImportedFiles {
  readonly database: TestDatabase;
  readonly rows: number;
  readonly seconds: number;
}

export async function importClients(kind: TestDialect, rows: number, dir: string): Promise<ImportedFiles> {
  const file = path.join(dir, `clients-${rows}.csv`);
  if (!fs.existsSync(file)) writeCsv(file, rows);
  const database = await freshDatabase(kind, { migrate: false });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [egecBinary, 'client', 'import', file], {
    env: { EGEC_DATABASE_URL: database.url, EGEC_DATA_DIR: dir, EGEC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    await database.destroy();
    throw new Error(`egec client import failed (${result.status}): ${result.stderr}`);
  }
  return { database, rows, seconds };
}

const p99 = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length * 0.99)] ?? NaN;

async function timed(samples: number, rows: number, lookup: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(Math.random() * rows);
    const started = performance.now();
    const found = await lookup(i);
    times.push(performance.now() - started);
    if (found === undefined || (Array.isArray(found) && found.length !== 1)) throw new Error(`client file ${i} not found`);
  }
  return p99(times);
}

export async function lookupP99(files: ImportedFiles, samples = 2000): Promise<{ identifiantMs: number; emailMs: number }> {
  const { db } = files.database;
  await timed(200, files.rows, (i) => findClient(db, identifiantOf(i))); // warm-up: connections, caches
  return {
    identifiantMs: await timed(samples, files.rows, (i) => findClient(db, identifiantOf(i))),
    emailMs: await timed(samples, files.rows, (i) => findClientsByEmail(db, emailOf(i))),
  };
}

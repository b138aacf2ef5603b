/**
 * 100,000 client files imported from one CSV through the real command (`node dist/cli/main.js
 * client import`), on a fresh SQLite file and a fresh PostgreSQL database: first import (all
 * created), then the same file again (all unchanged). Prints wall-clock seconds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dialects, freshDatabase, tempDir } from '../src/test-support/databases.js';
import { egecBinary } from '../src/test-support/egec-binary.js';

const ROWS = 100_000;
const NAMES = ['Lefèvre', 'Müller', 'Dupont', 'Œuvre SARL', 'Martin-Laurent', 'Nguyễn', 'García'];

function writeCsv(file: string): void {
  const lines = ['identifiant;civilité;nom;courriel'];
  for (let i = 0; i < ROWS; i++) {
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    lines.push(`${1_000_000_000 + i * 7};${['M.', 'Mme', ''][i % 3]};${name};client.${i}@exemple.fr`);
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

function timedImport(file: string, databaseUrl: string, dataDir: string): { seconds: number; summary: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [egecBinary, 'client', 'import', file], {
    env: { EGEC_DATABASE_URL: databaseUrl, EGEC_DATA_DIR: dataDir, EGEC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`egec client import failed (${result.status}): ${result.stderr}`);
  return { seconds, summary: result.stdout.trim().split('\n').at(-1) ?? '' };
}

export async function run(): Promise<void> {
  const dir = tempDir('egec-bench-');
  const file = path.join(dir, 'clients.csv');
  writeCsv(file);
  const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`client import: ${ROWS} rows (${size} MB), ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
  try {
    for (const kind of dialects) {
      const database = await freshDatabase(kind, { migrate: false });
      try {
        for (const pass of ['first import', 'same file again']) {
          const { seconds, summary } = timedImport(file, database.url, dir);
          console.log(`  ${kind.padEnd(8)} ${pass.padEnd(16)} ${seconds.toFixed(1)} s   ${summary}`);
        }
      } finally {
        await database.destroy();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

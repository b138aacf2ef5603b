/**
 * `npm run bench -- [options]` (after `npm run build`): load from this process with autocannon
 * against real `egec serve` processes on 127.0.0.1 (PostgreSQL, Redis, a local SMTP sink), every
 * figure beside its baseline measured in the same run. Prints a table and writes
 * bench/results.json with the machine and its load, since other work on the machine moves the
 * figures (ratios much less than absolute rates).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { tempDir } from '../src/test-support/databases.js';
import { startSmtpSink } from '../src/test-support/smtp-sink.js';
import { importClients } from './client-files.js';
import { coreFigures } from './core-figures.js';
import { EGEC_THREADPOOL_SIZE, startEgecServer } from './egec-server.js';
import { fileFigures, SMALL } from './file-figures.js';
import { asJson, table, type Figure } from './figures.js';
import { run as mailDrain } from './mail-drain.js';
import { parseBenchOptions } from './options.js';
import { webFigures } from './web-figures.js';

const options = parseBenchOptions(process.argv.slice(2));
const wants = (part: string) => options.only === undefined || options.only.includes(part);
const started = new Date();
const loadBefore = os.loadavg();
const figures: Figure[] = [];
const report = (more: readonly Figure[]) => {
  figures.push(...more);
  console.log(table(more));
};

const dir = tempDir('egec-bench-');
const sink = await startSmtpSink();
try {
  if (wants('web') || wants('cores') || wants('files')) {
    const files = await importClients('postgres', SMALL, dir);
    const server = await startEgecServer({ databaseUrl: files.database.url, smtpUrl: sink.url, argon2: options.argon2, redisUrl: options.redisUrl });
    try {
      if (wants('web')) report(await webFigures(server, sink, options, SMALL, dir));
      if (wants('cores')) report(await coreFigures(server, files, sink, options));
      if (wants('files')) report(await fileFigures({ server, files }, sink, options, dir));
    } finally {
      await server.stop();
      await files.database.destroy();
    }
  }
  if (wants('mail')) {
    for (const r of await mailDrain(['sqlite', 'postgres'], options.mails)) {
      report([
        {
          name: `mail drain, one worker, ${r.dialect}`,
          value: r.workerPerSecond,
          unit: 'mails/s',
          baseline: { name: 'Nodemailer direct, no database', value: r.directPerSecond },
          targets: [
            { on: 'value', op: '>=', limit: 200 },
            { on: 'ratio', op: '>=', limit: 0.8 },
          ],
        },
      ]);
    }
  }
} finally {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const cpus = os.cpus();
const machine = {
  cores: cpus.length,
  cpu: cpus[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  uvThreadpoolSize: { egecServe: EGEC_THREADPOOL_SIZE, benchProcess: Number(process.env.UV_THREADPOOL_SIZE ?? 4) },
  loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
  loadAverageAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
};
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const results = { date: started.toISOString(), commit, machine, options, figures: figures.map(asJson) };
console.log(`\n${table(figures)}\n\nmachine: ${JSON.stringify(machine)}`);
fs.writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

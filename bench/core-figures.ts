/**
 * Both cores: the same load on one `egec serve` and then split over two processes on the same
 * database (as behind nginx, or as Node's cluster would share one port). argon2id already runs on
 * libuv's thread pool, so logins use both cores from one process; the page and the rest of the
 * JavaScript run on one thread per process.
 */
import type { SmtpSink } from '../src/test-support/smtp-sink.js';
import { identifiantOf, type ImportedFiles } from './client-files.js';
import { startEgecServer, type EgecServer } from './egec-server.js';
import type { Figure } from './figures.js';
import type { LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { identificationPage, mailedPassword, validLogins, type Load } from './web-scenarios.js';

async function split(servers: readonly EgecServer[], o: Load, scenario: (server: EgecServer, o: Load) => Promise<LoadResult>): Promise<number> {
  const connections = Math.max(1, Math.round(o.connections / servers.length));
  const results = await Promise.all(servers.map((server) => scenario(server, { ...o, connections })));
  return results.reduce((sum, r) => sum + r.rps, 0);
}

export async function coreFigures(server: EgecServer, files: ImportedFiles, sink: SmtpSink, options: BenchOptions): Promise<Figure[]> {
  const o = { durationS: options.durationS, connections: options.connections };
  const second = await startEgecServer({ databaseUrl: files.database.url, smtpUrl: sink.url, argon2: options.argon2, redisUrl: options.redisUrl });
  try {
    const password = await mailedPassword(server, sink, 2);
    const login = (s: EgecServer, lo: Load) => validLogins(s, lo, identifiantOf(2), password);
    const pageOne = await split([server], o, identificationPage);
    const pageTwo = await split([server, second], o, identificationPage);
    const loginOne = await split([server], o, login);
    const loginTwo = await split([server, second], o, login);
    return [
      { name: 'GET / on 2 processes', value: pageTwo, unit: 'req/s', baseline: { name: '1 process', value: pageOne } },
      { name: 'login on 2 processes', value: loginTwo, unit: 'req/s', baseline: { name: '1 process', value: loginOne } },
    ];
  } finally {
    await second.stop();
  }
}

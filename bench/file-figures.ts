/**
 * A million client files (or `--files`): import time through `egec client import` on SQLite and
 * PostgreSQL, the portal's two lookups at that size against the same lookups at 1,000 files, and
 * the login p99 of an `egec serve` on the big PostgreSQL database against the one on 1,000 files,
 * run back to back with the same load.
 */
import type { SmtpSink } from '../src/test-support/smtp-sink.js';
import { dialects } from '../src/test-support/databases.js';
import { identifiantOf, importClients, lookupP99, type ImportedFiles } from './client-files.js';
import { startEgecServer, type EgecServer } from './egec-server.js';
import type { Figure } from './figures.js';
import type { BenchOptions } from './options.js';
import { mailedPassword, validLogins } from './web-scenarios.js';

export const SMALL = 1000;

export async function fileFigures(main: { server: EgecServer; files: ImportedFiles }, sink: SmtpSink, options: BenchOptions, dir: string): Promise<Figure[]> {
  const n = options.files.toLocaleString('en');
  const figures: Figure[] = [];
  for (const kind of dialects) {
    const small = kind === main.files.database.target.kind ? main.files : await importClients(kind, SMALL, dir);
    const big = await importClients(kind, options.files, dir);
    try {
      figures.push({ name: `import ${n} files, ${kind}`, value: big.seconds, unit: 's', targets: [{ on: 'value', op: '<=', limit: 60 }] });
      const [bigLookup, smallLookup] = [await lookupP99(big), await lookupP99(small)];
      figures.push(
        { name: `lookup by identifiant p99, ${kind}, ${n} files`, value: bigLookup.identifiantMs, unit: 'ms', baseline: { name: `${SMALL} files`, value: smallLookup.identifiantMs } },
        { name: `lookup by email p99, ${kind}, ${n} files`, value: bigLookup.emailMs, unit: 'ms', baseline: { name: `${SMALL} files`, value: smallLookup.emailMs } },
      );
      if (kind !== main.files.database.target.kind) continue;
      const server = await startEgecServer({ databaseUrl: big.database.url, smtpUrl: sink.url, argon2: options.argon2, redisUrl: options.redisUrl });
      try {
        const mid = Math.floor(options.files / 2);
        const [bigPassword, smallPassword] = [await mailedPassword(server, sink, mid), await mailedPassword(main.server, sink, 1)];
        const o = { durationS: options.durationS, connections: options.connections };
        const smallLogin = await validLogins(main.server, o, identifiantOf(1), smallPassword);
        const bigLogin = await validLogins(server, o, identifiantOf(mid), bigPassword);
        figures.push({
          name: `login p99, ${kind}, ${n} files`,
          value: bigLogin.p99Ms,
          unit: 'ms',
          baseline: { name: `${SMALL} files`, value: smallLogin.p99Ms },
          targets: [{ on: 'ratio', op: '<=', limit: 1.1 }],
        });
      } finally {
        await server.stop();
      }
    } finally {
      await big.database.destroy();
      if (small !== main.files) await small.database.destroy();
    }
  }
  return figures;
}

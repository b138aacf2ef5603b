/**
 * A real `egec serve` (the built dist, as in production) for the benchmarks: its own process,
 * PostgreSQL or SQLite, the bench's SMTP sink, /metrics on a port of its own. Throttling is set
 * out of reach and the lock threshold to its maximum so that every request pays the full path
 * (limit check, lookup, argon2id) instead of being refused early.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { tempDir } from '../src/test-support/databases.js';
import { egecBinary } from '../src/test-support/egec-binary.js';
import { freePort } from '../src/test-support/free-port.js';
import type { Argon2Costs } from '../src/credentials/argon2-hasher.js';

export const EGEC_THREADPOOL_SIZE = availableParallelism();

export interface EgecServer {
  readonly child: ChildProcess;
  readonly url: (path: string) => URL;
  readonly metrics: URL;
  /** Resident memory of the server process, in MB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export interface EgecServerOptions {
  readonly databaseUrl: string;
  readonly smtpUrl: string;
  readonly argon2: Argon2Costs;
  readonly redisUrl?: string;
  readonly secret?: string;
}

export async function startEgecServer(options: EgecServerOptions): Promise<EgecServer> {
  if (!fs.existsSync(egecBinary)) throw new Error('dist/ is missing: `npm run bench` builds it first');
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    EGEC_DATABASE_URL: options.databaseUrl,
    EGEC_SMTP_URL: options.smtpUrl,
    EGEC_SECRET: options.secret ?? randomBytes(32).toString('base64'),
    EGEC_DATA_DIR: tempDir('egec-bench-'),
    EGEC_PORT: String(port),
    EGEC_PUBLIC_URL: `http://127.0.0.1:${port}`,
    EGEC_METRICS_PORT: String(metricsPort),
    EGEC_ARGON2_MEMORY_KIB: String(options.argon2.memoryKib),
    EGEC_ARGON2_TIME_COST: String(options.argon2.timeCost),
    EGEC_ARGON2_PARALLELISM: String(options.argon2.parallelism),
    EGEC_LIMIT_LOGIN_IP: '999999/1s',
    EGEC_LIMIT_ACTIVATION_IP: '999999/1s',
    EGEC_LIMIT_ACTIVATION_EMAIL: '999999/1s',
    EGEC_LOGIN_LOCK_AFTER: '100',
    // As docs/production.md's unit sets it: one libuv thread per core, so at most that many
    // argon2id buffers (19 MiB each) are alive at once; more threads add memory, not throughput.
    UV_THREADPOOL_SIZE: String(EGEC_THREADPOOL_SIZE),
    // The default log level (info: two lines per request), written to /dev/null: production's cost.
    ...(options.redisUrl === undefined ? {} : { EGEC_REDIS_URL: options.redisUrl }),
  };
  const child = spawn(process.execPath, [egecBinary, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // Logs (stdout) go to /dev/null; stderr keeps what a crash prints.
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`egec serve exited (${child.exitCode}):\n${stderr}`);
    if (Date.now() > end) throw new Error(`egec serve not ready after 60 s:\n${stderr}`);
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    url: (path) => new URL(path, base),
    metrics: new URL(`http://127.0.0.1:${metricsPort}/metrics`),
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One series' value from the server's /metrics; 0 when absent (a labelled counter appears at its first increment). */
export async function scrape(server: EgecServer, series: string): Promise<number> {
  const text = await (await fetch(server.metrics)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/**
 * eGEC assembled for tests exactly as `egec serve` assembles it (`startMailDelivery` and
 * `assembleWeb`), on real parts: a fresh SQLite file or PostgreSQL database, a real SMTP server on
 * 127.0.0.1 (or the built-in mailbox), the argon2id hasher, the AES outbox sealer and the worker.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { assembleWeb } from '../app.js';
import { startMailDelivery } from '../cli/mail-delivery.js';
import type { Clock } from '../clock.js';
import { createClient } from '../clients/client-repository.js';
import { loadConfig, type Config, type Env } from '../config.js';
import { createLogger, type Logger } from '../logging.js';
import type { Civility } from '../storage/schema.js';
import type { Db } from '../storage/database.js';
import { openRateCounters, type RateCounters } from '../security/rate-limits.js';
import { buildServer } from '../web/server.js';
import { freshDatabase, tempDir, type TestDatabase, type TestDialect } from './databases.js';
import { uniqueRedisPrefix } from './redis.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

export const SUPPORT_CONTACT = '01 23 45 67 89, du lundi au vendredi';

export interface TestPortal {
  readonly app: FastifyInstance;
  readonly db: Db;
  /** The database as tests open it (e.g. to set up staff members). */
  readonly database: TestDatabase;
  readonly config: Config;
  /** Absent in built-in mailbox mode. */
  readonly sink: SmtpSink | undefined;
  addClient(identifiant: string, civility: Civility | null, name: string, email: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestPortalOptions {
  readonly smtp?: boolean;
  readonly clock: Clock;
  readonly env?: Env;
  /** Where the server and the audit log write (default: silent); a test captures it to read the logs. */
  readonly logger?: Logger;
}

export async function startTestPortal(kind: TestDialect, { smtp = true, clock, env = {}, logger = createLogger('silent') }: TestPortalOptions): Promise<TestPortal> {
  const database = await freshDatabase(kind);
  const sink = smtp ? await startSmtpSink() : undefined;
  const loaded = loadConfig({
    EGEC_DATA_DIR: tempDir(),
    EGEC_SMTP_URL: sink?.url,
    EGEC_SUPPORT_CONTACT: SUPPORT_CONTACT,
    EGEC_PUBLIC_URL: 'http://egec.test',
    EGEC_LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const config = loaded.config;
  const masterKey = randomBytes(32);
  const delivery = startMailDelivery({ config, db: database.db, clock, logger, masterKey });
  const rateCounters = testRateCounters(config, database.db, clock);
  const web = assembleWeb({ config, db: database.db, clock, masterKey, wakeMailer: () => delivery.worker.wake(), rateCounters, logger });
  const app = await buildServer({ ...web, logger, masterKey });
  return {
    app,
    db: database.db,
    database,
    config,
    sink,
    async addClient(identifiant, civility, name, email) {
      const created = await createClient(database.db, clock, { civility, name, email }, identifiant);
      if (!created.ok) throw new Error(`client ${identifiant}: ${created.reason}`);
    },
    async close() {
      await app.close();
      await delivery.stop();
      await rateCounters.close();
      await sink?.close();
      await database.destroy();
    },
  };
}

/**
 * The web server alone (no mail worker) on a database the test opened itself. Servers given the
 * same `redisPrefix` share their Redis counters, as eGEC instances do.
 */
export async function webServerFor(config: Config, db: Db, clock: Clock, redisPrefix?: string): Promise<FastifyInstance> {
  const masterKey = randomBytes(32);
  const rateCounters = testRateCounters(config, db, clock, redisPrefix);
  const logger = createLogger('silent');
  const web = assembleWeb({ config, db, clock, masterKey, wakeMailer: () => {}, rateCounters, logger });
  const app = await buildServer({ ...web, logger, masterKey });
  app.addHook('onClose', () => rateCounters.close());
  return app;
}

/** A Redis key prefix of its own per test, so tests sharing this machine's Redis never count each other's attempts. */
function testRateCounters(config: Config, db: Db, clock: Clock, redisPrefix = uniqueRedisPrefix()): RateCounters {
  return openRateCounters({ redisUrl: config.redisUrl, db, clock, redisPrefix });
}

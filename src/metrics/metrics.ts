/**
 * Prometheus metrics for operators (prom-client), in a registry of our own rather than the
 * library's global one, so each server (and each test) has its own. Gauges that describe the
 * database (outbox, locks) are read at scrape time from a passed-in source: every instance then
 * reports the same shared truth instead of its own partial view.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PasswordHasher } from '../credentials/password-hasher.js';

export interface QueueReading {
  readonly queued: number;
  readonly retrying: number;
  readonly sending: number;
  readonly oldestQueuedAgeMs: number | null;
  readonly sent: number;
  readonly failed: number;
  readonly superseded: number;
}

export interface MetricSources {
  /** Outbox state, read from the database at scrape time. */
  readonly outbox?: () => Promise<QueueReading>;
  /** Number of client files locked right now. */
  readonly lockedAccounts?: () => Promise<number>;
}

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly loginOutcomes: Counter<'outcome'>;
  readonly activationOutcomes: Counter<'outcome'>;
  readonly hashDuration: Histogram<'operation'>;
}

export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'egec_' });
  const registers = [registry];

  const metrics: Metrics = {
    registry,
    httpDuration: new Histogram({
      name: 'egec_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    loginOutcomes: new Counter({ name: 'egec_login_total', help: 'Logins by outcome', labelNames: ['outcome'], registers }),
    activationOutcomes: new Counter({
      name: 'egec_activation_total',
      help: 'Activation requests (ENVOYER) by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    hashDuration: new Histogram({
      name: 'egec_password_hash_duration_seconds',
      help: 'argon2id time per operation',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64],
      registers,
    }),
  };

  const { outbox, lockedAccounts } = sources;
  if (outbox) {
    // One database read per scrape, shared by the gauges below.
    let pending: Promise<QueueReading> | undefined;
    const read = () =>
      (pending ??= outbox().finally(() => {
        pending = undefined;
      }));
    new Gauge({
      name: 'egec_outbox_mails',
      help: 'Mails in the outbox by status',
      labelNames: ['status'],
      registers,
      async collect() {
        const r = await read();
        for (const status of ['queued', 'retrying', 'sending', 'sent', 'failed', 'superseded'] as const) {
          this.set({ status }, r[status]);
        }
      },
    });
    new Gauge({
      name: 'egec_outbox_oldest_queued_age_seconds',
      help: 'Age of the oldest mail still waiting to be sent (0 when none)',
      registers,
      async collect() {
        this.set(((await read()).oldestQueuedAgeMs ?? 0) / 1000);
      },
    });
  }
  if (lockedAccounts) {
    new Gauge({
      name: 'egec_locked_accounts',
      help: 'Client files temporarily locked after failed logins',
      registers,
      async collect() {
        this.set(await lockedAccounts());
      },
    });
  }
  return metrics;
}

/** Times every argon2id operation into `egec_password_hash_duration_seconds`. */
export function measuredHasher(hasher: PasswordHasher, metrics: Metrics): PasswordHasher {
  const time = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const end = metrics.hashDuration.startTimer({ operation });
    try {
      return await work();
    } finally {
      end();
    }
  };
  return {
    hash: (password) => time('hash', () => hasher.hash(password)),
    verify: (hash, password) => time('verify', () => hasher.verify(hash, password)),
    verifyUnknown: (password) => time('verify', () => hasher.verifyUnknown(password)),
  };
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/audit-log.js';
import { createLogger } from '../logging.js';
import { databaseRateCounters } from '../security/rate-counter-database.js';
import { dialects, freshDatabase, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { runHousekeeping, startHousekeeping } from './housekeeping.js';

const DAY = 86_400_000;
const retention = 30 * DAY;

describe.each(dialects)('housekeeping on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  const logLines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const deps = () => ({ db: t.db, clock, logger, auditRetentionMs: retention });
  const audit = () => recordAudit({ db: t.db, clock, logger, key: randomBytes(32) }, { type: 'login.succeeded', identifiant: '1234567890' });
  const count = () => databaseRateCounters(t.db, clock).limiter('activation-email', { points: 5, windowMs: 3_600_000 }).consume(randomBytes(8).toString('hex'));

  it('deletes audit events past the retention and counters whose window ended, and nothing else', async () => {
    await audit();
    await count();
    clock.advance(retention + 1);
    await audit();
    await count();
    expect(await runHousekeeping(deps())).toEqual({ auditEvents: 1, rateCounters: 1 });
    expect(await runHousekeeping(deps())).toEqual({ auditEvents: 0, rateCounters: 0 });
    expect(await t.db.selectFrom('audit_event').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('rate_counter').select('key').execute()).toHaveLength(1);
  });

  it('runs at start and then on its interval, and stops', async () => {
    logLines.length = 0;
    const housekeeping = startHousekeeping(deps(), 40);
    await expect.poll(() => logLines.filter((l) => l.includes('ménage fait')).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    await housekeeping.stop();
    const passes = logLines.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(logLines).toHaveLength(passes);
  });
});

describe('housekeeping without its database', () => {
  it('logs the failure and keeps the service running', async () => {
    const t = await freshDatabase('sqlite');
    await t.destroy();
    const logLines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    const housekeeping = startHousekeeping({ db: t.db, clock: new ManualClock(), logger, auditRetentionMs: retention });
    await housekeeping.stop();
    expect(logLines.join('')).toContain('ménage impossible');
  });
});

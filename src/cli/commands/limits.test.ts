import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseRateCounters } from '../../security/rate-counter-database.js';
import { dialects, freshDatabase, type TestDatabase } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import type { CliContext } from '../runtime.js';
import { limitsCommand } from './limits.js';

describe.each(dialects)('egec limits purge on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('deletes the counters whose window has ended, keeps the running ones, and says how many', async () => {
    const clock = new ManualClock();
    const limiter = databaseRateCounters(t.db, clock).limiter('activation-email', { points: 5, windowMs: 3_600_000 });
    await limiter.consume('ended');
    clock.advance(30 * 60_000);
    await limiter.consume('running');
    clock.advance(31 * 60_000);

    const out: string[] = [];
    const ctx: CliContext = { env: { EGEC_DATABASE_URL: t.url }, clock, out: (line) => out.push(line), err: (line) => out.push(`err: ${line}`), interactive: false };
    const program = new Command('egec');
    limitsCommand(program, ctx);
    await program.parseAsync(['limits', 'purge'], { from: 'user' });

    expect(out).toEqual(['1 compteur(s) expiré(s) supprimé(s).']);
    expect((await t.db.selectFrom('rate_counter').select('key').execute()).map((row) => row.key)).toEqual(['running']);
  });
});

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../audit/audit-log.js';
import { queryAudit } from '../../audit/audit-query.js';
import { createLogger } from '../../logging.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import type { CliContext } from '../runtime.js';
import { auditCommand } from './audit.js';

describe.each(dialects)('egec audit purge on %s', (kind) => {
  const t = useFreshDatabase(kind);

  it('deletes the events older than EGEC_AUDIT_RETENTION and says how many', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const deps = { db: t.db, clock, logger: createLogger('silent'), key: Buffer.alloc(32) };
    await recordAudit(deps, { type: 'session.ended', identifiant: '1111111111', reason: 'logout' });
    clock.advance(40 * 86_400_000);
    await recordAudit(deps, { type: 'session.ended', identifiant: '1111111111', reason: 'expired' });
    clock.advance(1_000);

    const out: string[] = [];
    const ctx: CliContext = {
      env: { EGEC_DATABASE_URL: t.url, EGEC_AUDIT_RETENTION: '30d' },
      clock,
      out: (line) => out.push(line),
      err: (line) => out.push(`err: ${line}`),
      interactive: false,
    };
    const program = new Command('egec');
    auditCommand(program, ctx);
    await program.parseAsync(['audit', 'purge'], { from: 'user' });

    expect(out).toEqual(['1 événement(s) antérieur(s) au 2026-01-11T00:00:01.000Z supprimé(s).']);
    expect((await queryAudit(t.db)).events.map((e) => e.detail.reason)).toEqual(['expired']);
  });
});

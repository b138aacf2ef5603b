import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../audit/audit-log.js';
import { queryAudit } from '../../audit/audit-query.js';
import { createLogger } from '../../logging.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { runCommand } from '../../test-support/cli-in-process.js';
import { ManualClock } from '../../test-support/manual-clock.js';
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

    const run = await runCommand(auditCommand, ['audit', 'purge'], { env: { EGEC_DATABASE_URL: t.url, EGEC_AUDIT_RETENTION: '30d' }, clock });

    expect(run).toEqual({ code: 0, stdout: '1 événement(s) antérieur(s) au 2026-01-11T00:00:01.000Z supprimé(s).\n', stderr: '' });
    expect((await queryAudit(t.db)).events.map((e) => e.detail.reason)).toEqual(['expired']);
  });
});

import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { simulateActivation } from '../test-support/activation-fixture.js';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { createAesSealer } from './content-sealer-aes.js';
import { enqueueMail, nextSequence, openContent } from './outbox.js';
import { carriedPasswords, claimDueMails, releaseLeases, renewLeases } from './outbox-claims.js';
import { recordOutcomes, type MailOutcome } from './outbox-outcomes.js';
import { findMail, outboxStats } from './outbox-status.js';

const sealer = createAesSealer(randomBytes(32));
const lease = (owner: string) => ({ owner, leaseMs: 30_000 });
const recordOutcome = async (db: Db, clock: Clock, owner: string, id: number, outcome: MailOutcome) => (await recordOutcomes(db, clock, owner, [{ id, outcome }])).has(id);

describe.each(dialects)('outbox on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  const deps = { clock, sealer };
  beforeAll(async () => {
    for (const [id, email] of [['1000000001', 'Jean@Example.fr'], ['1000000002', 'marie@example.fr'], ['1000000003', 'jean@example.fr']] as const) {
      await createClient(t.db, clock, { civility: null, name: id, email }, id);
    }
  });

  const ids = { jean1: 0, marie1: 0, jean2: 0, marieNotice: 0 };

  it('numbers mails 1, 2, 3 per address and stores the content only sealed', async () => {
    const first = await simulateActivation(t.db, deps, { identifiant: '1000000001', email: 'Jean@Example.fr' });
    const other = await simulateActivation(t.db, deps, { identifiant: '1000000002', email: 'marie@example.fr' });
    const second = await simulateActivation(t.db, deps, { identifiant: '1000000003', email: ' JEAN@example.fr', password: 'Clair#111' });
    Object.assign(ids, { jean1: first.mailId, marie1: other.mailId, jean2: second.mailId });
    expect([first.sequence, other.sequence, second.sequence]).toEqual([1, 1, 2]);
    expect(await t.db.transaction().execute((tx) => nextSequence(tx, 'jean@example.fr'))).toBe(3);
    const row = await t.db.selectFrom('mail').selectAll().where('id', '=', second.mailId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ recipient: ' JEAN@example.fr', recipient_normalized: 'jean@example.fr', status: 'queued', next_attempt_at: clock.now() });
    expect(row.sealed_content).toMatch(/^v1\./);
    expect(row.sealed_content).not.toContain('Clair#111');
    expect(openContent(sealer, row.sealed_content)?.text).toContain('Clair#111');
  });

  it('supersedes the waiting credentials mail of an address when a newer one is enqueued', async () => {
    const rows = await t.db.selectFrom('mail').select(['sequence', 'status', 'sealed_content']).where('recipient_normalized', '=', 'jean@example.fr').orderBy('id').execute();
    expect(rows.map((r) => [r.sequence, r.status, r.sealed_content === null])).toEqual([
      [1, 'superseded', true],
      [2, 'queued', false],
    ]);
  });

  it('rolls back with the change it announces: no change, no mail', async () => {
    const before = await outboxStats(t.db, clock);
    await expect(
      t.db.transaction().execute(async (tx) => {
        const message = { to: 'x@example.fr', subject: 's', text: 't', html: 'h' };
        await enqueueMail(tx, deps, { kind: 'notice', recipient: 'x@example.fr', sequence: 1, message });
        throw new Error('activation failed');
      }),
    ).rejects.toThrow('activation failed');
    expect(await outboxStats(t.db, clock)).toEqual(before);
  });

  it('refuses a sequence number twice for one address', async () => {
    const message = { to: 'jean@example.fr', subject: 's', text: 't', html: 'h' };
    await expect(t.db.transaction().execute((tx) => enqueueMail(tx, deps, { kind: 'notice', recipient: 'jean@example.fr', sequence: 2, message }))).rejects.toThrow();
  });

  it('claims one mail per address, oldest first, and not again while leased', async () => {
    const message = { to: 'marie@example.fr', subject: 'Avis', text: 'avis', html: '<p>avis</p>' };
    const notice = await t.db.transaction().execute(async (tx) =>
      enqueueMail(tx, deps, { kind: 'notice', recipient: 'marie@example.fr', sequence: await nextSequence(tx, 'marie@example.fr'), message }),
    );
    ids.marieNotice = notice.id;
    const claimed = await claimDueMails(t.db, clock, lease('a'), 10);
    expect(claimed.map((m) => m.id)).toEqual([ids.marie1, ids.jean2]);
    expect(claimed.every((m) => m.attempts === 1)).toBe(true);
    expect(await claimDueMails(t.db, clock, lease('b'), 10)).toEqual([]);
    // Marie's older mail is still pending: her newer one waits, whatever its due time.
    expect(await findMail(t.db, notice.id)).toMatchObject({ status: 'queued', sequence: 2 });
    expect(await findMail(t.db, ids.marie1)).toMatchObject({ status: 'sending' });
  });

  it('lets another worker claim a mail whose lease ran out, and keeps the old owner from recording', async () => {
    clock.advance(20_000);
    await renewLeases(t.db, clock, lease('a'), [ids.marie1]);
    clock.advance(15_000);
    const reclaimed = await claimDueMails(t.db, clock, lease('b'), 10);
    expect(reclaimed.map((m) => [m.id, m.attempts])).toEqual([[ids.jean2, 2]]);
    expect(await recordOutcome(t.db, clock, 'a', ids.jean2, { status: 'sent', messageId: '<a>', response: '250 a' })).toBe(false);
    expect(await recordOutcome(t.db, clock, 'b', ids.jean2, { status: 'sent', messageId: '<b@sink>', response: '250 Ok' })).toBe(true);
    expect(await findMail(t.db, ids.jean2)).toMatchObject({ status: 'sent', messageId: '<b@sink>', smtpResponse: '250 Ok', sentAt: clock.now(), attempts: 2 });
    const wiped = await t.db.selectFrom('mail').select('sealed_content').where('id', '=', ids.jean2).executeTakeFirstOrThrow();
    expect(wiped.sealed_content).toBeNull();
  });

  it('records retries with their reason and due time, and releases leases on a clean stop', async () => {
    const retry = { status: 'retrying', error: '451 plus tard', nextAttemptAt: clock.now() + 2_000 } as const;
    expect(await recordOutcome(t.db, clock, 'a', ids.marie1, retry)).toBe(true);
    expect(await findMail(t.db, ids.marie1)).toMatchObject({ status: 'retrying', lastError: '451 plus tard', nextAttemptAt: clock.now() + 2_000 });
    expect(await claimDueMails(t.db, clock, lease('a'), 10)).toEqual([]);
    clock.advance(2_000);
    expect((await claimDueMails(t.db, clock, lease('a'), 10)).map((m) => [m.id, m.attempts])).toEqual([[ids.marie1, 2]]);
    expect(await releaseLeases(t.db, clock, 'a')).toBe(1);
    expect(await findMail(t.db, ids.marie1)).toMatchObject({ status: 'retrying', nextAttemptAt: clock.now() });
  });

  it('tells, for a batch of mails in one query, which files each carries and whether a password still works', async () => {
    const carried = await carriedPasswords(t.db, [ids.jean1, ids.jean2, ids.marie1]);
    expect(carried.get(ids.jean1)).toEqual({ identifiants: ['1000000001'], live: false });
    expect(carried.get(ids.jean2)).toEqual({ identifiants: ['1000000003'], live: true });
    expect(carried.get(ids.marie1)).toEqual({ identifiants: ['1000000002'], live: true });
    expect(await carriedPasswords(t.db, [])).toEqual(new Map());
  });

  it('counts mails per status with the age of the oldest pending one', async () => {
    const stats = await outboxStats(t.db, clock);
    expect(stats).toEqual({ queued: 1, retrying: 1, sending: 0, sent: 1, failed: 0, superseded: 1, oldestQueuedAgeMs: 37_000 });
    expect(await findMail(t.db, 999)).toBeUndefined();
  });

  it('on a clean stop, gives back claimed mails it never sent without counting the claim as an attempt', async () => {
    const message = { to: 'paul@example.fr', subject: 'Avis', text: 'avis', html: '<p>avis</p>' };
    const paul = await t.db.transaction().execute((tx) => enqueueMail(tx, deps, { kind: 'notice', recipient: 'paul@example.fr', sequence: 1, message }));
    const claimed = await claimDueMails(t.db, clock, lease('c'), 10);
    expect(claimed.map((m) => [m.id, m.attempts])).toEqual([
      [ids.marie1, 3],
      [paul.id, 1],
    ]);
    expect(await releaseLeases(t.db, clock, 'c', [paul.id, ids.marie1])).toBe(2);
    expect(await findMail(t.db, ids.marie1)).toMatchObject({ status: 'retrying', attempts: 2, nextAttemptAt: clock.now() });
    expect(await findMail(t.db, paul.id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: clock.now() });
  });
});

import { randomBytes } from 'node:crypto';
import { type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { createLogger } from '../logging.js';
import { simulateActivation } from '../test-support/activation-fixture.js';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { createAesSealer } from './content-sealer-aes.js';
import { claimDueMails, renewLeases } from './outbox-claims.js';
import { recordOutcomes, type MailOutcome } from './outbox-outcomes.js';
import { findMail } from './outbox-status.js';
import { createOutcomeRecorder } from './outcome-recorder.js';

const sealer = createAesSealer(randomBytes(32));
const logger = createLogger('silent');
const lease = { owner: 'w', leaseMs: 30_000 };

/** Counts the UPDATE statements Kysely sends, to see how many a batch of outcomes costs. */
class UpdateCounter implements KyselyPlugin {
  updates = 0;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind === 'UpdateQueryNode') this.updates += 1;
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describe.each(dialects)('delivery outcomes on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  let clients = 0;

  /** `n` credentials mails to distinct addresses, claimed by `lease.owner`. */
  const claimed = async (n: number) => {
    const mails: { id: number; identifiant: string }[] = [];
    for (let i = 0; i < n; i += 1) {
      clients += 1;
      const identifiant = String(3_000_000_000 + clients);
      const email = `lot${clients}@example.fr`;
      await createClient(t.db, clock, { civility: null, name: `Lot ${clients}`, email }, identifiant);
      const { mailId } = await simulateActivation(t.db, { clock, sealer }, { identifiant, email });
      mails.push({ id: mailId, identifiant });
    }
    const claims = await claimDueMails(t.db, clock, lease, n);
    expect(claims.map((m) => m.id).sort()).toEqual(mails.map((m) => m.id).sort());
    return claims.map((mail) => ({ mail, identifiants: [mails.find((m) => m.id === mail.id)!.identifiant] }));
  };

  it('records a mixed batch in one UPDATE per status, each mail with its own values, only where the lease is held', async () => {
    const [a, b, c, d, e, lost] = await claimed(6);
    await t.db.updateTable('mail').set({ lease_owner: 'other' }).where('id', '=', lost!.mail.id).execute();
    const outcomes: [number, MailOutcome][] = [
      [a!.mail.id, { status: 'sent', messageId: '<a@sink>', response: '250 a' }],
      [b!.mail.id, { status: 'sent', messageId: '<b@sink>', response: '250 b' }],
      [c!.mail.id, { status: 'retrying', error: '451 plus tard', nextAttemptAt: clock.now() + 5_000 }],
      [d!.mail.id, { status: 'failed', error: '550 inconnu' }],
      [e!.mail.id, { status: 'superseded' }],
      [lost!.mail.id, { status: 'sent', messageId: '<x@sink>', response: '250 x' }],
    ];
    const counter = new UpdateCounter();
    const written = await recordOutcomes(t.db.withPlugin(counter), clock, lease.owner, outcomes.map(([id, outcome]) => ({ id, outcome })));
    expect([...written].sort()).toEqual([a, b, c, d, e].map((x) => x!.mail.id).sort());
    expect(counter.updates).toBe(4);
    expect(await findMail(t.db, a!.mail.id)).toMatchObject({ status: 'sent', messageId: '<a@sink>', smtpResponse: '250 a', sentAt: clock.now(), lastError: null });
    expect(await findMail(t.db, b!.mail.id)).toMatchObject({ status: 'sent', messageId: '<b@sink>', smtpResponse: '250 b' });
    expect(await findMail(t.db, c!.mail.id)).toMatchObject({ status: 'retrying', lastError: '451 plus tard', nextAttemptAt: clock.now() + 5_000 });
    expect(await findMail(t.db, d!.mail.id)).toMatchObject({ status: 'failed', lastError: '550 inconnu', sentAt: null });
    expect(await findMail(t.db, e!.mail.id)).toMatchObject({ status: 'superseded', sentAt: null });
    expect(await findMail(t.db, lost!.mail.id)).toMatchObject({ status: 'sending', sentAt: null });
    const contents = await t.db.selectFrom('mail').select(['id', 'sealed_content', 'lease_owner']).where('id', 'in', outcomes.map(([id]) => id)).execute();
    const byId = new Map(contents.map((row) => [Number(row.id), row]));
    for (const x of [a, b, d, e]) expect(byId.get(x!.mail.id)).toMatchObject({ sealed_content: null, lease_owner: null });
    expect(byId.get(c!.mail.id)?.sealed_content).not.toBeNull();
    expect(byId.get(lost!.mail.id)).toMatchObject({ lease_owner: 'other' });
  });

  it('commits outcomes that arrive together in one transaction, each with its audit row, and a lone one after lingering', async () => {
    const batch = await claimed(8);
    const counter = new UpdateCounter();
    let commits = 0;
    const db = t.db.withPlugin(counter);
    const recorder = createOutcomeRecorder(
      { db, clock, logger, audit: { db, clock, logger, key: randomBytes(32) } },
      { owner: lease.owner, batch: 8, lingerMs: 10_000, onCommitted: () => (commits += 1) },
    );
    const sent = (i: number): MailOutcome => ({ status: 'sent', messageId: `<${i}@sink>`, response: `250 ${i}` });
    await Promise.all(batch.map((item, i) => recorder.record({ ...item, outcome: sent(i) })));
    expect({ commits, updates: counter.updates }).toEqual({ commits: 1, updates: 1 });
    for (const [i, item] of batch.entries()) expect(await findMail(t.db, item.mail.id)).toMatchObject({ status: 'sent', messageId: `<${i}@sink>` });
    const audited = await t.db.selectFrom('audit_event').select(['identifiant', 'detail']).where('type', '=', 'mail.status').execute();
    for (const item of batch) {
      const row = audited.find((r) => r.identifiant === item.identifiants[0]);
      expect(JSON.parse(row!.detail)).toEqual({ mailId: item.mail.id, status: 'sent' });
    }

    // Fewer than `batch` outcomes wait for the linger; settled() commits them without waiting it out.
    const [lone] = await claimed(1);
    const recorded = recorder.record({ ...lone!, outcome: { status: 'superseded' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(commits).toBe(1);
    await recorder.settled();
    await recorded;
    expect(commits).toBe(2);
    expect(await findMail(t.db, lone!.mail.id)).toMatchObject({ status: 'superseded' });
  });

  it('stores a mail server reply with control characters (PostgreSQL refuses NUL) as spaces', async () => {
    const [item] = await claimed(1);
    const written = await recordOutcomes(t.db, clock, lease.owner, [{ id: item!.mail.id, outcome: { status: 'failed', error: '550 bad\u0000reply\u0007' } }]);
    expect([...written]).toEqual([item!.mail.id]);
    expect(await findMail(t.db, item!.mail.id)).toMatchObject({ status: 'failed', lastError: '550 bad reply ' });
  });

  it('renews the leases it still holds, skipping rows its own outcome commit has locked instead of waiting for them', async () => {
    const [a, b] = await claimed(2);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Stands for the recorder's transaction between two of its UPDATEs.
    const commit = t.db.transaction().execute(async (tx) => {
      await recordOutcomes(tx, clock, lease.owner, [{ id: a!.mail.id, outcome: { status: 'sent', messageId: '<a@sink>', response: '250 a' } }]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    // SQLite runs one transaction at a time on its one connection: nothing to skip there.
    const renewing = kind === 'postgres' ? renewLeases(t.db, clock, lease, [a!.mail.id, b!.mail.id]) : undefined;
    const renewed = await renewing;
    release();
    await commit;
    if (renewed !== undefined) expect([...renewed.ids]).toEqual([b!.mail.id]);
    expect(await renewLeases(t.db, clock, lease, [a!.mail.id, b!.mail.id])).toEqual({ ids: new Set([b!.mail.id]), until: clock.now() + lease.leaseMs });
  });

  it('writes no audit row for a mail whose lease it lost', async () => {
    const [item] = await claimed(1);
    await t.db.updateTable('mail').set({ lease_owner: 'other' }).where('id', '=', item!.mail.id).execute();
    const recorder = createOutcomeRecorder(
      { db: t.db, clock, logger, audit: { db: t.db, clock, logger, key: randomBytes(32) } },
      { owner: lease.owner, batch: 1, lingerMs: 0, onCommitted: () => undefined },
    );
    await recorder.record({ ...item!, outcome: { status: 'sent', messageId: '<late@sink>', response: '250 late' } });
    expect(await findMail(t.db, item!.mail.id)).toMatchObject({ status: 'sending', messageId: null });
    const audited = await t.db.selectFrom('audit_event').select('id').where('type', '=', 'mail.status').where('identifiant', '=', item!.identifiants[0]!).execute();
    expect(audited).toHaveLength(0);
  });
});

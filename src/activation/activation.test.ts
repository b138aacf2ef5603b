import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, updateClient } from '../clients/client-repository.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import { generatePassword } from '../credentials/password-generator.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { renderCredentialsMail } from '../mail/credentials-mail.js';
import { openContent } from '../mail/outbox.js';
import { createSession, validateSession } from '../sessions/session-store.js';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { mailedCredentials } from '../test-support/mailed-credentials.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { fr } from '../texts/fr.js';
import { requestActivation, type ActivationDeps } from './activation.js';

const sessions = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

describe.each(dialects)('activation on %s', (kind) => {
  let t: TestDatabase;
  let deps: ActivationDeps;
  let wakes = 0;
  const clock = new ManualClock();
  const hasher = createArgon2Hasher();
  const sealer = createAesSealer(randomBytes(32));

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = {
      db: t.db,
      clock,
      hasher,
      generatePassword: () => generatePassword(),
      passwords: { replace: 'immediate', unusedTtlMs: undefined },
      sealer,
      composeMail: (content) => renderCredentialsMail({ ...content, timeZone: 'Europe/Paris', publicUrl: new URL('https://www.egec.pro'), texts: fr }),
      wakeMailer: () => {
        wakes++;
      },
    };
    await createClient(t.db, clock, { civility: 'M.', name: 'Martin', email: 'Martin@Example.fr' }, '1000000001');
    await createClient(t.db, clock, { civility: null, name: 'SARL Martin', email: 'martin@example.fr' }, '2000000002');
    await createClient(t.db, clock, { civility: 'Mme', name: 'Ancienne', email: 'martin@example.fr' }, '3000000003');
    await updateClient(t.db, clock, '3000000003', { status: 'disabled' });
    await createClient(t.db, clock, { civility: 'Mme', name: 'Fermée', email: 'fermee@example.fr' }, '4000000004');
    await updateClient(t.db, clock, '4000000004', { status: 'disabled' });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const mailRows = () => t.db.selectFrom('mail').selectAll().orderBy('id').execute();
  const liveOf = (identifiant: string) =>
    t.db.selectFrom('password').selectAll().where('identifiant', '=', identifiant).where('retired_at', 'is', null).execute();

  it('refuses what cannot be an address, before any lookup or write', async () => {
    for (const [raw, reason] of [
      ['', 'empty'],
      ['   ', 'empty'],
      [`${'a'.repeat(300)}@example.fr`, 'too-long'],
      ['martin@example.fr\r\nBcc: x@example.fr', 'control-characters'],
      ['martin@example.fr\u0000', 'control-characters'],
      ['martin.example.fr', 'malformed'],
    ] as const) {
      expect(await requestActivation(deps, raw)).toEqual({ kind: 'invalid', reason });
    }
    expect(await requestActivation(deps, 'personne@example.fr')).toEqual({ kind: 'unknown' });
    expect(await requestActivation(deps, 'fermee@example.fr')).toEqual({ kind: 'unknown' });
    expect(await mailRows()).toEqual([]);
    expect(wakes).toBe(0);
  });

  it('issues one password per active file under the address, in one sealed mail', async () => {
    const outcome = await requestActivation(deps, '  MARTIN@example.FR ');
    expect(outcome).toMatchObject({ kind: 'sent', identifiants: ['1000000001', '2000000002'] });
    if (outcome.kind !== 'sent') throw new Error('not sent');
    expect(wakes).toBe(1);

    const [mail] = await mailRows();
    expect(mail).toMatchObject({ id: outcome.mailId, kind: 'credentials', recipient: 'Martin@Example.fr', recipient_normalized: 'martin@example.fr', sequence: 1, status: 'queued' });
    const message = openContent(sealer, mail!.sealed_content);
    const mailed = mailedCredentials(message!.text);
    expect([...mailed.keys()]).toEqual(['1000000001', '2000000002']);

    for (const identifiant of ['1000000001', '2000000002']) {
      const [live, ...more] = await liveOf(identifiant);
      expect(more).toEqual([]);
      expect(live!.mail_id).toBe(outcome.mailId);
      expect(await hasher.verify(live!.hash, mailed.get(identifiant)!)).toBe(true);
    }
    expect(await liveOf('3000000003')).toEqual([]);
    const stored = JSON.stringify([await t.db.selectFrom('password').selectAll().execute(), await mailRows()]);
    for (const password of mailed.values()) expect(stored).not.toContain(password);
  });

  it('a new request retires the old passwords, supersedes the waiting mail and ends open sessions', async () => {
    const before = await liveOf('1000000001');
    const session = await createSession(t.db, clock, { kind: 'client', id: '1000000001' }, sessions, { ip: null, userAgent: null });
    clock.advance(60_000);
    const outcome = await requestActivation(deps, 'martin@example.fr');
    if (outcome.kind !== 'sent') throw new Error('not sent');

    const old = await t.db.selectFrom('password').selectAll().where('id', '=', before[0]!.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ retired_at: clock.now(), retired_reason: 'superseded' });
    const [first, second] = await mailRows();
    expect(first).toMatchObject({ status: 'superseded', sealed_content: null });
    expect(second).toMatchObject({ id: outcome.mailId, sequence: 2, status: 'queued' });
    expect((await liveOf('1000000001'))[0]!.mail_id).toBe(outcome.mailId);
    expect(await validateSession(t.db, clock, 'client', session.token, sessions)).toEqual({ ok: false, reason: 'ended' });
  });

  it('serialises simultaneous requests for one address: distinct numbers, one live password per file', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => requestActivation(deps, 'martin@example.fr')));
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
    const sequences = (await mailRows()).map((m) => m.sequence);
    expect(sequences).toEqual([1, 2, 3, 4, 5]);
    for (const identifiant of ['1000000001', '2000000002']) expect(await liveOf(identifiant)).toHaveLength(1);
    expect((await mailRows()).filter((m) => m.status === 'queued')).toHaveLength(1);
  });
});

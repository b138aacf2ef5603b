/**
 * The Service IT's client page on the real flow (SMTP sink, delivery worker, argon2id): a new
 * password sent from the back-office reaches the mail server; the diagnosis tells « never
 * activated », « last mail accepted … since, N tries with an older mail's password » (the audit rows
 * the login writes), « locked until … »; unlock lifts the lock; an address change mails the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../audit/audit-log.js';
import { queryAudit } from '../../audit/audit-query.js';
import { checkLock, recordFailure } from '../../login/account-lock.js';
import { createLogger } from '../../logging.js';
import type { MailStatus } from '../../storage/schema.js';
import { setUpStaff, signedIn, type TestStaff } from '../../test-support/back-office-app.js';
import { dialects } from '../../test-support/databases.js';
import { mailedCredentials } from '../../test-support/mailed-credentials.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { startTestPortal, type TestPortal } from '../../test-support/test-portal.js';
import { textOf } from '../../test-support/web-client.js';

const ID = '1234567890';

describe.each(dialects)('the Service IT client page on %s', (kind) => {
  let portal: TestPortal;
  let it_: TestStaff;
  let agent: TestStaff;
  const clock = new ManualClock();

  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock });
    await portal.addClient(ID, 'M.', 'Dupont', 'dupont@example.fr');
    it_ = await setUpStaff(portal.database, clock, 'it@cabinet.fr', 'it');
    agent = await setUpStaff(portal.database, clock, 'agent@cabinet.fr', 'agent');
  });
  afterAll(async () => {
    await portal?.close();
  });

  const audit = () => ({ db: portal.db, clock, logger: createLogger('silent'), key: Buffer.alloc(32) });
  const diagnosis = async (browser: Awaited<ReturnType<typeof signedIn>>) => {
    const page = await browser.get(`/admin/clients/${ID}/diagnostic`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    return { text, summary: text.slice(text.indexOf('En bref'), text.indexOf('Actions')) };
  };
  /** The worker records the SMTP reply just after the sink has the message. */
  async function statusOf(mailId: number, wanted: MailStatus): Promise<{ sent_at: number | null }> {
    for (let i = 0; i < 200; i++) {
      const row = await portal.db.selectFrom('mail').select(['status', 'sent_at']).where('id', '=', mailId).executeTakeFirstOrThrow();
      if (row.status === wanted) return { sent_at: row.sent_at === null ? null : Number(row.sent_at) };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`mail ${mailId} never reached ${wanted}`);
  }
  async function newPassword(browser: Awaited<ReturnType<typeof signedIn>>) {
    const before = portal.sink!.messages.length;
    await browser.get(`/admin/clients/${ID}/diagnostic`);
    const sent = await browser.post(`/admin/clients/${ID}/new-password`);
    expect(sent.statusCode).toBe(303);
    const [mail] = (await portal.sink!.waitForMessages(before + 1)).slice(before);
    const row = await portal.db.selectFrom('mail').select(['id', 'sequence']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { sent_at } = await statusOf(Number(row.id), 'sent');
    return { mail: mail!, location: sent.headers.location, sentAt: sent_at!, password: mailedCredentials(mail!.parsed.text ?? '').get(ID) };
  }

  it('says « never activated » before any password, and agents do not see the diagnosis', async () => {
    const browser = await signedIn(portal.app, clock, it_);
    expect((await diagnosis(browser)).summary).toContain('Jamais activé : aucun mot de passe n’a été envoyé à ce client.');
    const asAgent = await signedIn(portal.app, clock, agent);
    expect((await asAgent.get(`/admin/clients/${ID}/diagnostic`)).statusCode).toBe(403);
    const file = await asAgent.get(`/admin/clients/${ID}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain('/diagnostic');
  });

  it('« envoyer un nouveau mot de passe » runs the client’s ENVOYER: a real mail reaches the SMTP server, audited as the member', async () => {
    const browser = await signedIn(portal.app, clock, it_);
    const { mail, location, password } = await newPassword(browser);
    expect(location).toBe(`/admin/clients/${ID}/diagnostic?done=resent&sequence=1`);
    expect(mail.envelope.to).toEqual(['dupont@example.fr']);
    expect(password).toMatch(/^\S{9}$/);
    const events = await queryAudit(portal.db, { identifiant: ID, types: ['staff.action'] });
    expect(events.events[0]?.staffId).toBe(String(it_.member.id));
    expect(events.events[0]?.detail).toMatchObject({ action: 'new-password', outcome: 'sent' });
    const { summary } = await diagnosis(browser);
    expect(summary).toMatch(/Dernier courriel accepté par le serveur de messagerie le \d\d\/\d\d à \d\d:\d\d ; le client ne s’est pas encore connecté/);
  });

  it('after a second mail, failures with the first mail’s password show in the diagnosis, with the date in the firm’s time zone', async () => {
    const browser = await signedIn(portal.app, clock, it_);
    clock.advance(60_000);
    const { sentAt } = await newPassword(browser);
    clock.advance(5 * 60_000);
    for (let i = 0; i < 3; i++) await recordAudit(audit(), { type: 'login.failed', identifiant: ID, reason: 'superseded-password' }, { ip: '203.0.113.9' });
    await recordAudit(audit(), { type: 'login.failed', identifiant: ID, reason: 'wrong-password' });
    const { text, summary } = await diagnosis(browser);
    const day = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', timeZone: portal.config.timeZone }).format(sentAt);
    const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: portal.config.timeZone }).format(sentAt);
    expect(summary).toContain(
      `Dernier courriel accepté par le serveur de messagerie le ${day} à ${time} ; depuis, 3 essais avec le mot de passe d’un courriel précédent ; depuis, 1 essai avec un mot de passe erroné`,
    );
    // The timeline: both mails with the server's reply, the retired password, the failures with their reason.
    expect(text).toContain('Courriel n°2 accepté par le serveur');
    expect(text).toMatch(/Courriel n°1 accepté par le serveur — mot de passe — 1 essai — réponse du serveur : 250/);
    expect(text).toContain('Mot de passe retiré motif : remplacé par un nouveau mot de passe');
    expect(text).toContain('Échec de connexion motif : mot de passe d’un courriel précédent — 203.0.113.9');
    expect(text.indexOf('mot de passe erroné')).toBeLessThan(text.indexOf('Courriel n°2 accepté'));
  });

  it('shows a lock with its end, and « déverrouiller » lifts it (audited)', async () => {
    const browser = await signedIn(portal.app, clock, it_);
    for (let i = 0; i < portal.config.loginLock.after; i++) await recordFailure(portal.db, clock, ID, portal.config.loginLock);
    const lock = await checkLock(portal.db, clock, ID);
    expect(lock.locked).toBe(true);
    expect((await diagnosis(browser)).summary).toMatch(/Compte verrouillé jusqu’au \d\d\/\d\d à \d\d:\d\d après des échecs de connexion\./);
    const unlocked = await browser.post(`/admin/clients/${ID}/unlock`);
    expect(unlocked.headers.location).toBe(`/admin/clients/${ID}/diagnostic?done=unlocked`);
    expect(await checkLock(portal.db, clock, ID)).toEqual({ locked: false });
    expect((await diagnosis(browser)).summary).not.toContain('verrouillé');
    const events = await queryAudit(portal.db, { identifiant: ID, staffId: String(it_.member.id), types: ['staff.action'] });
    expect(events.events[0]?.detail).toMatchObject({ action: 'unlock', wasLocked: true });
  });

  it('ends the sessions (audited) and reports a disabled file', async () => {
    const browser = await signedIn(portal.app, clock, it_);
    await browser.get(`/admin/clients/${ID}/diagnostic`);
    expect((await browser.post(`/admin/clients/${ID}/end-sessions`)).statusCode).toBe(303);
    expect((await browser.post(`/admin/clients/${ID}/status`, { status: 'disabled' })).statusCode).toBe(303);
    const actions = (await queryAudit(portal.db, { identifiant: ID, types: ['staff.action'] })).events.map((e) => e.detail.action);
    expect(actions.slice(0, 2)).toEqual(['client-disable', 'end-sessions']);
    expect((await diagnosis(browser)).summary).toContain('Dossier désactivé');
    const refused = await browser.post(`/admin/clients/${ID}/new-password`);
    expect(refused.headers.location).toBe(`/admin/clients/${ID}/diagnostic?done=refused`);
    await browser.post(`/admin/clients/${ID}/status`, { status: 'active' });
  });

  it('an address change queues a notice to the OLD address, which the mail server receives', async () => {
    const browser = await signedIn(portal.app, clock, agent);
    const before = portal.sink!.messages.length;
    await browser.get(`/admin/clients/${ID}`);
    const saved = await browser.post(`/admin/clients/${ID}`, { civility: 'M.', name: 'Dupont', email: 'nouveau@example.fr' });
    expect(saved.statusCode).toBe(303);
    const [notice] = (await portal.sink!.waitForMessages(before + 1)).slice(before);
    expect(notice!.envelope.to).toEqual(['dupont@example.fr']);
    expect(notice!.parsed.subject).toBe('Changement de l’adresse de votre espace client');
    expect(notice!.parsed.text).toContain(`(${ID}) a été remplacée par une autre`);
    expect(notice!.parsed.text).not.toContain('nouveau@example.fr');
    const row = await portal.db.selectFrom('mail').select(['kind', 'recipient', 'sequence']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'notice', recipient: 'dupont@example.fr', sequence: 3 });
    const events = (await queryAudit(portal.db, { identifiant: ID })).events;
    expect(events.some((e) => e.type === 'mail.status' && e.detail.status === 'queued')).toBe(true);
    expect(events.find((e) => e.type === 'staff.action')?.detail).toMatchObject({ action: 'client-edit', fields: ['email'] });
  });
});

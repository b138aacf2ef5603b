/**
 * The Service IT's tools without a mail worker (so the queue stays still): the mail queue and its
 * « réessayer maintenant » / « renvoyer », audit browsing with its filters and pages, and the CSV
 * import by paste (dry run, then confirm), on SQLite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../audit/audit-query.js';
import { createClient, findClient } from '../../clients/client-repository.js';
import { createAesSealer } from '../../mail/content-sealer-aes.js';
import { enqueueMail } from '../../mail/outbox.js';
import { setUpStaff, signedIn, type TestStaff, useBackOfficeApp } from '../../test-support/back-office-app.js';
import { dialects } from '../../test-support/databases.js';
import { textOf } from '../../test-support/web-client.js';

describe.each(dialects)('the Service IT tools on %s', (kind) => {
  const { t, clock, app } = useBackOfficeApp(kind);
  let itStaff: TestStaff;
  let admin: TestStaff;
  let agent: TestStaff;
  const sealer = createAesSealer(randomBytes(32));

  beforeAll(async () => {
    itStaff = await setUpStaff(t, clock, 'it@cabinet.fr', 'it');
    admin = await setUpStaff(t, clock, 'admin@cabinet.fr', 'admin');
    agent = await setUpStaff(t, clock, 'agent@cabinet.fr', 'agent');
    await createClient(t.db, clock, { civility: 'Mme', name: 'Leroy', email: 'leroy@example.fr' }, '3000000003');
  });

  async function mail(recipient: string, status: 'retrying' | 'failed', error: string) {
    const message = { to: recipient, subject: 'x', text: 'x', html: '<p>x</p>' };
    const { id } = await t.db.transaction().execute((tx) => enqueueMail(tx, { clock, sealer }, { kind: 'credentials', recipient, sequence: 1, message }));
    await t.db
      .updateTable('mail')
      .set({ status, attempts: 4, last_error: error, next_attempt_at: clock.now() + 3_600_000, ...(status === 'failed' ? { sealed_content: null } : {}) })
      .where('id', '=', id)
      .execute();
    return id;
  }

  it('lists waiting and failed mails with the age of the oldest; « réessayer » makes a retrying mail due now; « renvoyer » a failed one starts a new activation', async () => {
    const retrying = await mail('lent@example.fr', 'retrying', '421 4.7.0 Try again later');
    const failed = await mail('leroy@example.fr', 'failed', '550 5.1.1 Mailbox unavailable');
    clock.advance(12 * 60_000);
    const browser = await signedIn(app(), clock, itStaff);
    const page = await browser.get('/admin/mail-queue');
    const text = textOf(page.body);
    expect(text).toContain('Plus ancien courriel non parti : en attente depuis 12 min.');
    expect(text).toMatch(/lent@example\.fr mot de passe 1 nouvel essai prévu 4 421 4\.7\.0 Try again later \d{4}-\d\d-\d\d \d\d:\d\d Réessayer maintenant/);
    expect(text).toContain('leroy@example.fr mot de passe 1 échec définitif 4 550 5.1.1 Mailbox unavailable Renvoyer (nouveau mot de passe)');

    const retried = await browser.post(`/admin/mail-queue/${retrying}/retry`);
    expect(retried.headers.location).toBe('/admin/mail-queue?done=retried');
    const row = await t.db.selectFrom('mail').select(['next_attempt_at', 'status']).where('id', '=', retrying).executeTakeFirstOrThrow();
    expect({ next: Number(row.next_attempt_at), status: row.status }).toEqual({ next: clock.now(), status: 'retrying' });

    await browser.get('/admin/mail-queue');
    const resent = await browser.post(`/admin/mail-queue/${failed}/retry`);
    expect(resent.headers.location).toBe('/admin/mail-queue?done=resent');
    const fresh = await t.db.selectFrom('mail').select(['status', 'sequence', 'recipient']).where('recipient', '=', 'leroy@example.fr').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(fresh).toEqual({ status: 'queued', sequence: 2, recipient: 'leroy@example.fr' });
    expect(await t.db.selectFrom('password').select('identifiant').where('identifiant', '=', '3000000003').execute()).toHaveLength(1);
    const actions = (await queryAudit(t.db, { staffId: String(itStaff.member.id), types: ['staff.action'] })).events.map((e) => e.detail);
    expect(actions[0]).toMatchObject({ action: 'mail-resend', mailId: failed, outcome: 'sent', identifiants: ['3000000003'] });
    expect(actions[1]).toMatchObject({ action: 'mail-retry', mailId: retrying });

    // Once a newer mail went to the address, the failed one is history: a second click does nothing.
    const again = await browser.post(`/admin/mail-queue/${failed}/retry`);
    expect(again.headers.location).toBe('/admin/mail-queue?done=nothing');
    expect(await t.db.selectFrom('mail').select('id').where('recipient', '=', 'leroy@example.fr').execute()).toHaveLength(2);
    const notFound = await browser.post('/admin/mail-queue/999999/retry');
    expect(notFound.statusCode).toBe(404);
  });

  it('browses the audit log by staff member, client and days, page by page; a bad filter is a 400 in French', async () => {
    const asAgent = await signedIn(app(), clock, agent);
    await asAgent.get('/admin/clients/new');
    for (let i = 0; i < 3; i++) {
      await asAgent.post('/admin/clients', { identifiant: `400000000${i}`, civility: 'M.', name: `Client ${i}`, email: `c${i}@example.fr` });
      clock.advance(60_000);
    }
    const browser = await signedIn(app(), clock, admin);
    const byAgent = textOf((await browser.get(`/admin/audit?staff=${agent.member.id}`)).body);
    expect(byAgent.match(/client-create/g)).toHaveLength(3);
    expect(byAgent).not.toContain('mail-resend');
    const byClient = textOf((await browser.get('/admin/audit?identifiant=4000000001')).body);
    expect(byClient.match(/client-create/g)).toHaveLength(1);
    expect(byClient).not.toContain('4000000002');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(clock.now());
    expect(textOf((await browser.get(`/admin/audit?staff=${agent.member.id}&from=${today}&to=${today}`)).body).match(/client-create/g)).toHaveLength(3);
    expect(textOf((await browser.get(`/admin/audit?staff=${agent.member.id}&to=2020-01-01`)).body)).toContain('Aucun événement pour ce filtre.');
    const bad = await browser.get('/admin/audit?from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('Filtre invalide : Depuis (AAAA-MM-JJ).');

    // Paging: 60+ events, 50 per page, the next link carries the filter.
    for (let i = 0; i < 55; i++) await asAgent.get('/admin/clients/export.csv');
    const first = await browser.get(`/admin/audit?staff=${agent.member.id}`);
    const next = /href="(\/admin\/audit\?[^"]+after=[^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toContain(`staff=${agent.member.id}`);
    const second = textOf((await browser.get(next!)).body);
    expect((textOf(first.body).match(/client-export/g) ?? []).length + (second.match(/client-export/g) ?? []).length).toBe(55);
    expect(second.match(/client-create/g)).toHaveLength(3);
  });

  it('imports pasted CSV: a dry run with the CLI’s report writes nothing, confirming writes and is audited; bad rows are listed', async () => {
    const browser = await signedIn(app(), clock, agent);
    await browser.get('/admin/import');
    const csv = 'identifiant;civilité;nom;courriel\n5000000005;Mme;Collée;collee@example.fr\n;M.;Sans Numéro;sans@example.fr\n';
    const check = await browser.post('/admin/import', { csv, step: 'check' });
    expect(check.statusCode).toBe(200);
    const report = textOf(check.body);
    expect(report).toContain('Fichier lu en UTF-8, séparateur « ; ».');
    expect(report).toContain('1 ligne sans identifiant recevra un identifiant tiré au hasard.');
    expect(report).toContain('Créés : 2, modifiés : 0, inchangés : 0, rejetés : 0.');
    expect(check.body).toContain('value="confirm"');
    expect(await findClient(t.db, '5000000005')).toBeUndefined();

    const done = await browser.post('/admin/import', { csv, step: 'confirm' });
    expect(textOf(done.body)).toContain('Import terminé.');
    expect(textOf(done.body)).toMatch(/ligne 3 : \d{10}/);
    expect((await findClient(t.db, '5000000005'))?.name).toBe('Collée');
    const event = (await queryAudit(t.db, { staffId: String(agent.member.id), types: ['staff.action'] })).events[0];
    expect(event?.detail).toMatchObject({ action: 'import', created: 2, updated: 0, unchanged: 0, rejected: 0 });

    const bad = await browser.post('/admin/import', { csv: 'identifiant,nom,courriel\n12,X,pas-un-courriel\n', step: 'confirm' });
    expect(bad.statusCode).toBe(400);
    const badText = textOf(bad.body);
    expect(badText).toMatch(/ligne 2 : .+/);
    expect(badText).toContain('1 ligne rejetée sur 1 : rien n\'a été importé');
    expect((await browser.post('/admin/import', { csv: '  ', step: 'check' })).statusCode).toBe(400);
  });
});

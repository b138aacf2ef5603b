import { beforeAll, describe, expect, it } from 'vitest';
import { findClient } from '../../clients/client-repository.js';
import { createSession, validateSession } from '../../sessions/session-store.js';
import { setUpStaff, signedIn, useBackOfficeApp } from '../../test-support/back-office-app.js';
import { dialects } from '../../test-support/databases.js';
import { WebClient } from '../../test-support/web-client.js';

const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

describe.each(dialects)('client files in the back-office on %s', (kind) => {
  const { t, clock, app } = useBackOfficeApp(kind);
  let browser: WebClient;

  beforeAll(async () => {
    browser = await signedIn(app(), clock, await setUpStaff(t, clock, 'it@cabinet.fr', 'it'));
  });

  it('creates a file under the firm’s identifiant, and explains refusals in French next to each field', async () => {
    await browser.get('/admin/clients/new');
    const bad = await browser.post('/admin/clients', { identifiant: '12345', civility: 'Dr', name: ' ', email: 'pas-un-courriel' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Identifiant « 12345 » : 10 chiffres attendus (zéros de tête perdus par un tableur ?).');
    expect(bad.body).toContain('Nom vide.');
    expect(bad.body).toContain('id="f-email-error"');
    expect(bad.body).toMatch(/id="f-email"[^>]*aria-describedby="f-email-hint f-email-error" aria-invalid="true"/);
    expect(bad.body).toContain('value="pas-un-courriel"');

    const created = await browser.post('/admin/clients', { identifiant: '1234567890', civility: 'M.', name: 'Dupont', email: 'jean.dupont@example.fr' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/clients/1234567890?done=created');
    expect(await findClient(t.db, '1234567890')).toMatchObject({ civility: 'M.', name: 'Dupont', email: 'jean.dupont@example.fr', status: 'active' });
    await browser.get('/admin/clients/new');
    const taken = await browser.post('/admin/clients', { identifiant: '1234567890', civility: '', name: 'Autre', email: 'a@b.fr' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Cet identifiant est déjà utilisé.');

    await browser.get('/admin/clients/new');
    const drawn = await browser.post('/admin/clients', { identifiant: '', civility: 'Mme', name: 'Lefèvre', email: 'l@example.fr' });
    expect(drawn.headers.location).toMatch(/^\/admin\/clients\/[1-9]\d{9}\?done=created$/);
  });

  it('searches and lists files, escaping what they contain', async () => {
    await browser.get('/admin/clients/new');
    await browser.post('/admin/clients', { identifiant: '5555555555', civility: '', name: 'Société <i>Éclair</i>', email: 'eclair@example.fr' });
    const found = await browser.get('/admin/clients?q=societe');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Société &lt;i&gt;Éclair&lt;/i&gt;');
    expect(found.body).not.toContain('<i>Éclair');
    expect(found.body).toContain('href="/admin/clients/5555555555"');
    expect((await browser.get('/admin/clients?q=1234')).body).toContain('1234567890');
    expect((await browser.get('/admin/clients?q=JEAN.DUPONT@example.fr')).body).toContain('1234567890');
    expect((await browser.get('/admin/clients?q=zzz')).body).toContain('Aucun dossier ne correspond.');
    // A NUL (which PostgreSQL refuses in a parameter) makes the search absent, not a 500.
    const nul = await browser.get('/admin/clients?q=a%00b');
    expect(nul.statusCode).toBe(200);
    expect(nul.body).toContain('1234567890');
  });

  it('edits civility, name and email but never the identifiant', async () => {
    const page = await browser.get('/admin/clients/1234567890');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="identifiant"');
    const saved = await browser.post('/admin/clients/1234567890', { identifiant: '9999999999', civility: 'Mme', name: 'Dupont-Martin', email: 'nouvelle@example.fr' });
    expect(saved.headers.location).toBe('/admin/clients/1234567890?done=saved');
    expect(await findClient(t.db, '1234567890')).toMatchObject({ civility: 'Mme', name: 'Dupont-Martin', email: 'nouvelle@example.fr' });
    expect(await findClient(t.db, '9999999999')).toBeUndefined();
    await browser.get('/admin/clients/1234567890');
    const refused = await browser.post('/admin/clients/1234567890', { civility: 'Mme', name: '', email: 'nouvelle@example.fr' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Nom vide.');
    expect((await browser.get('/admin/clients/0000000000')).statusCode).toBe(404);
    expect((await browser.get('/admin/clients/abc')).statusCode).toBe(404);
  });

  it('disables a file (ending its client sessions) and enables it again', async () => {
    const { token } = await createSession(t.db, clock, { kind: 'client', id: '1234567890' }, policy, { ip: null, userAgent: null });
    await browser.get('/admin/clients/1234567890');
    expect((await browser.post('/admin/clients/1234567890/status', { status: 'disabled' })).statusCode).toBe(303);
    expect((await findClient(t.db, '1234567890'))?.status).toBe('disabled');
    expect(await validateSession(t.db, clock, 'client', token, policy)).toEqual({ ok: false, reason: 'ended' });
    const page = await browser.get('/admin/clients/1234567890');
    expect(page.body).toContain('Réactiver le dossier');
    await browser.post('/admin/clients/1234567890/status', { status: 'active' });
    expect((await findClient(t.db, '1234567890'))?.status).toBe('active');
    await browser.get('/admin/clients/1234567890');
    expect((await browser.post('/admin/clients/1234567890/status', { status: 'deleted' })).statusCode).toBe(400);
    expect((await browser.post('/admin/clients/0000000001/status', { status: 'disabled' })).statusCode).toBe(404);
  });

  it('lets the Service IT end a client’s sessions', async () => {
    const { token } = await createSession(t.db, clock, { kind: 'client', id: '1234567890' }, policy, { ip: null, userAgent: null });
    await browser.get('/admin/clients/1234567890');
    const ended = await browser.post('/admin/clients/1234567890/end-sessions');
    expect(ended.headers.location).toBe('/admin/clients/1234567890?ended=1');
    expect((await validateSession(t.db, clock, 'client', token, policy)).ok).toBe(false);
    expect((await browser.get(ended.headers.location as string)).body).toContain('Sessions fermées : 1');
  });

  it('exports every file as the CSV the import reads: BOM, ; separated, quoted when needed', async () => {
    await browser.get('/admin/clients/new');
    await browser.post('/admin/clients', { identifiant: '7777777777', civility: '', name: 'Durand; "et fils"', email: 'd@example.fr' });
    await browser.get('/admin/clients/new');
    await browser.post('/admin/clients', { identifiant: '8888888888', civility: '', name: '=HYPERLINK("x")', email: 'h@example.fr' });
    const csv = await browser.get('/admin/clients/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="egec-clients-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('identifiant;civilite;nom;courriel');
    expect(lines).toContain('1234567890;Mme;Dupont-Martin;nouvelle@example.fr');
    expect(lines).toContain('5555555555;;Société <i>Éclair</i>;eclair@example.fr');
    expect(lines).toContain('7777777777;;"Durand; ""et fils""";d@example.fr');
    expect(lines).toContain('8888888888;;"\'=HYPERLINK(""x"")";h@example.fr');
    expect(lines.filter((l) => /^\d{10};/.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toBe('');
  });
});

/**
 * The memo, end to end over HTTP (in-process): ENVOYER → the mail on a real SMTP server → login
 * with the mailed password → client space → logout, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateClient } from '../clients/client-repository.js';
import { validateSession, hashToken } from '../sessions/session-store.js';
import { dialects } from '../test-support/databases.js';
import { mailedCredentials } from '../test-support/mailed-credentials.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { outboxDrained } from '../test-support/outbox-drained.js';
import { startTestPortal, SUPPORT_CONTACT, type TestPortal } from '../test-support/test-portal.js';
import { textOf, WebClient, type FormFields } from '../test-support/web-client.js';
import { fr } from '../texts/fr.js';

describe.each(dialects)('the memo flow on %s', (kind) => {
  let portal: TestPortal;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'Jean.Dupont@example.fr');
    await portal.addClient('1000000001', 'M.', 'Martin', 'martin@example.fr');
    await portal.addClient('2000000002', null, 'SARL Martin', 'MARTIN@example.fr');
    await portal.addClient('3000000003', 'Mme', 'Leroy', 'leroy@example.fr');
    await portal.addClient('4000000004', 'Mme', 'Petit', 'petit@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** Presses ENVOYER for `email` and returns what the mail server received. */
  async function activate(browser: WebClient, email: string) {
    const before = portal.sink!.messages.length;
    await browser.get('/activation');
    const sent = await browser.post('/activation', { email });
    expect(sent.statusCode).toBe(303);
    const confirmation = await browser.follow(sent);
    expect(textOf(confirmation.body)).toContain(`${fr.memo.mailSent} ${fr.memo.mailDelay}`);
    const [mail] = (await portal.sink!.waitForMessages(before + 1)).slice(before);
    await outboxDrained(portal.db, clock);
    return { mail: mail!, credentials: mailedCredentials(mail!.parsed.text ?? '') };
  }

  async function logIn(browser: WebClient, identifiant: string, password: string) {
    await browser.get('/');
    return browser.post('/login', { identifiant, password });
  }

  it('GET / is the memo\'s Identification panel, in French, with its words and a CSRF token', async () => {
    const page = await new WebClient(portal.app).get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="fr">');
    for (const words of ['Identification', 'Identifiant', 'Mot de passe', 'Connexion', 'identifiant, mot de passe.....', 'mot-de-passe oublié']) {
      expect(page.body).toContain(words);
    }
    expect(page.body).toMatch(/<label for="identifiant">Identifiant<\/label>/);
    expect(page.body).toMatch(/<label for="password">Mot de passe<\/label>/);
    expect(page.body).toMatch(/<a href="\/activation">mot-de-passe oublié<\/a>/);
    expect(page.body).toMatch(/name="_csrf" value="[^"]{20,}"/);
    const activation = await new WebClient(portal.app).get('/activation');
    expect(textOf(activation.body)).toContain('Activation du compte');
    expect(activation.body).toMatch(/<label for="email">Courriel<\/label>/);
    expect(activation.body).toContain('>ENVOYER</button>');
  });

  it('activation → mail → login with the mailed password → client space → logout ends the session', async () => {
    const browser = new WebClient(portal.app);
    const { mail, credentials } = await activate(browser, '  jean.dupont@EXAMPLE.fr ');
    expect(mail.envelope.to).toEqual(['Jean.Dupont@example.fr']);
    const password = credentials.get('1234567890');
    expect(password).toMatch(/^\S{9}$/);

    const login = await logIn(browser, '1234567890', password!);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/espace');
    const token = browser.cookie('egec_session');
    expect(token).toBeDefined();
    const space = await browser.get('/espace');
    const text = textOf(space.body);
    expect(text).toContain('Bonjour M. Dupont');
    expect(text).toContain('1234567890');
    expect(text).toContain('J•••••••@example.fr');
    expect(text).not.toContain('Jean.Dupont');
    expect(text).toContain('première connexion');

    const logout = await browser.post('/logout', {});
    expect(logout.statusCode).toBe(303);
    expect(browser.cookie('egec_session')).toBeUndefined();
    expect(await validateSession(portal.db, clock, 'client', token!, portal.config.sessions)).toEqual({ ok: false, reason: 'ended' });
    const row = await portal.db.selectFrom('session').select('end_reason').where('id_hash', '=', hashToken(token!)).executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('logout');
    expect((await browser.get('/espace')).headers.location).toBe('/');
  });

  it('a second activation replaces the password and ends the sessions opened with the first', async () => {
    const first = await activate(new WebClient(portal.app), 'leroy@example.fr');
    const browser = new WebClient(portal.app);
    expect((await logIn(browser, '3000000003', first.credentials.get('3000000003')!)).statusCode).toBe(303);
    expect((await browser.get('/espace')).statusCode).toBe(200);

    const second = await activate(new WebClient(portal.app), 'leroy@example.fr');
    const newPassword = second.credentials.get('3000000003')!;
    expect(newPassword).not.toBe(first.credentials.get('3000000003'));
    expect((await browser.get('/espace')).headers.location).toBe('/');

    const old = await logIn(new WebClient(portal.app), '3000000003', first.credentials.get('3000000003')!);
    expect(old.statusCode).toBe(200);
    expect(textOf(old.body)).toContain(fr.memo.notRecognized);
    expect((await logIn(new WebClient(portal.app), '3000000003', newPassword)).statusCode).toBe(303);
  });

  it('the confirmation page follows the delivery, and only for the browser that asked', async () => {
    const browser = new WebClient(portal.app);
    await activate(browser, 'petit@example.fr');
    let page = await browser.get('/activation/envoye');
    for (let i = 0; i < 50 && !textOf(page.body).includes(fr.sent.accepted); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      page = await browser.get('/activation/envoye');
    }
    expect(textOf(page.body)).toMatch(/Envoi : accepté par le serveur de messagerie le \d+ novembre 2026 à \d\d:\d\d\. Actualiser/);
    expect(page.body).toContain('<a href="/activation/envoye">Actualiser</a>');
    expect((await new WebClient(portal.app).get('/activation/envoye')).headers.location).toBe('/activation');
    const forged = await portal.app.inject({ method: 'GET', url: '/activation/envoye', headers: { cookie: 'egec_sent=sent:1' } });
    expect(forged.headers.location).toBe('/activation');
  });

  it('an unknown email gets the memo\'s error, word for word, with the Service IT contact', async () => {
    const browser = new WebClient(portal.app);
    await browser.get('/activation');
    const before = portal.sink!.messages.length;
    const page = await browser.post('/activation', { email: 'personne@example.fr' });
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Identifiant et/ou m-d-p non reconnu(s)');
    expect(text).toContain("Recommencer l'opération, en prenant soin de saisir correctement le courriel.");
    expect(text).toContain(`Si le problème persiste, contacter le Service IT. ${SUPPORT_CONTACT}`);
    expect(page.body).toContain('role="alert"');
    expect(portal.sink!.messages.length).toBe(before);
  });

  it('forgives pasted spaces and the letter O for 0, but not the wrong case', async () => {
    const { credentials } = await activate(new WebClient(portal.app), 'petit@example.fr');
    const password = credentials.get('4000000004')!;
    expect((await logIn(new WebClient(portal.app), ' 4000000004\t', `  ${password} `)).statusCode).toBe(303);
    expect((await logIn(new WebClient(portal.app), '40 00 00 00 04', password)).statusCode).toBe(303);
    expect((await logIn(new WebClient(portal.app), '4OOOOOOOo4', password)).statusCode).toBe(303);
    const swapped = [...password].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    expect(swapped).not.toBe(password);
    const refused = await logIn(new WebClient(portal.app), '4000000004', swapped);
    expect(refused.statusCode).toBe(200);
    expect(textOf(refused.body)).toContain(fr.memo.notRecognized);
  });

  it('two files under one email: one mail listing both, each password for its own file only', async () => {
    const before = portal.sink!.messages.length;
    const { credentials } = await activate(new WebClient(portal.app), 'martin@example.fr');
    expect([...credentials.keys()].sort()).toEqual(['1000000001', '2000000002']);
    expect(portal.sink!.messages.length).toBe(before + 1);
    const martin = credentials.get('1000000001')!;
    const sarl = credentials.get('2000000002')!;
    expect((await logIn(new WebClient(portal.app), '1000000001', sarl)).statusCode).toBe(200);
    expect((await logIn(new WebClient(portal.app), '2000000002', martin)).statusCode).toBe(200);
    const company = new WebClient(portal.app);
    expect((await logIn(company, '2000000002', sarl)).statusCode).toBe(303);
    expect(textOf((await company.get('/espace')).body)).toContain('Bonjour SARL Martin');
    expect((await logIn(new WebClient(portal.app), '1000000001', martin)).statusCode).toBe(303);
  });

  it('a disabled file fails exactly like a wrong password', async () => {
    const { credentials } = await activate(new WebClient(portal.app), 'martin@example.fr');
    const withoutToken = (body: string) => body.replace(/value="[^"]*"/g, '');
    const wrong = await logIn(new WebClient(portal.app), '2000000002', 'Zz9-Zz9-Z');
    await updateClient(portal.db, clock, '2000000002', { status: 'disabled' });
    const disabled = await logIn(new WebClient(portal.app), '2000000002', credentials.get('2000000002')!);
    expect(disabled.statusCode).toBe(wrong.statusCode);
    expect(withoutToken(disabled.body)).toBe(withoutToken(wrong.body));
    const unknown = await logIn(new WebClient(portal.app), '2000000009', 'Zz9-Zz9-Z');
    expect(withoutToken(unknown.body).replace('2000000009', '2000000002')).toBe(withoutToken(wrong.body));
    await updateClient(portal.db, clock, '2000000002', { status: 'active' });
  });

  it('tells the previous login time, in the firm\'s time zone', async () => {
    const { credentials } = await activate(new WebClient(portal.app), 'jean.dupont@example.fr');
    const password = credentials.get('1234567890')!;
    expect((await logIn(new WebClient(portal.app), '1234567890', password)).statusCode).toBe(303);
    clock.advance(2 * 3_600_000);
    const browser = new WebClient(portal.app);
    await logIn(browser, '1234567890', password);
    expect(textOf((await browser.get('/espace')).body)).toContain('Connexion précédente 26 novembre 2026 à 10:32');
  });

  it('answers bad input with a 4xx page or a French message, never a 500', async () => {
    const browser = new WebClient(portal.app);
    await browser.get('/activation');
    const cases: Array<[FormFields, RegExp]> = [
      [{ email: '' }, /Saisissez votre courriel/],
      [{ email: '   ' }, /Saisissez votre courriel/],
      [{ email: `${'a'.repeat(290)}@example.fr` }, /trop long/],
      [{ email: 'jean@example.fr\r\nBcc: x@y.fr' }, /caractères non autorisés/],
      [{ email: 'jean@example.fr\u0000' }, /caractères non autorisés/],
      [{ email: 'pas-une-adresse' }, /incomplet/],
      [{}, /formulaire est incomplet/],
      [{ email: ['a@example.fr', 'b@example.fr'] }, /formulaire est incomplet/],
    ];
    for (const [fields, message] of cases) {
      const page = await browser.post('/activation', fields);
      expect(page.statusCode).toBe(400);
      expect(textOf(page.body)).toMatch(message);
    }
    const invalid = await browser.post('/activation', { email: '' });
    expect(invalid.body).toMatch(/aria-describedby="email-hint email-error"/);
    expect(invalid.body).toContain('aria-invalid="true"');

    await browser.get('/');
    const logins: FormFields[] = [{}, { identifiant: '', password: '' }, { identifiant: ['1234567890', '1'], password: 'x' }, { identifiant: 'x'.repeat(300), password: 'y'.repeat(300) }, { identifiant: '12\r\n34', password: '\u0000' }];
    for (const fields of logins) {
      const page = await browser.post('/login', fields);
      expect(page.statusCode).toBeGreaterThanOrEqual(200);
      expect(page.statusCode).toBeLessThan(500);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
    }
    const json = await portal.app.inject({ method: 'POST', url: '/activation', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(json.statusCode).toBe(400);
    expect(textOf(json.body)).toContain('Requête invalide');
  });

  it('refuses a form without its CSRF token with a French page', async () => {
    const browser = new WebClient(portal.app);
    await browser.get('/activation');
    const page = await browser.post('/activation', { _csrf: 'forged', email: 'jean.dupont@example.fr' });
    expect(page.statusCode).toBe(403);
    expect(textOf(page.body)).toContain('La page a expiré');
  });

  it('speaks English on request, and remembers the choice', async () => {
    const byHeader = await new WebClient(portal.app, { headers: { 'accept-language': 'en-GB,en;q=0.9' } }).get('/');
    expect(byHeader.body).toContain('<html lang="en">');
    expect(byHeader.body).toContain('Sign in');
    const browser = new WebClient(portal.app);
    expect((await browser.get('/')).body).toContain('href="/?lang=en"');
    const switched = await browser.get('/?lang=en');
    expect(switched.body).toContain('<html lang="en">');
    const later = await browser.get('/activation');
    expect(later.body).toContain('<html lang="en">');
    const unknown = await browser.post('/activation', { email: 'personne@example.fr' });
    expect(textOf(unknown.body)).toContain('Client ID and/or password not recognised');
    expect((await browser.get('/?lang=fr')).body).toContain('<html lang="fr">');
  });
});

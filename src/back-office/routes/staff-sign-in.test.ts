import { describe, expect, it } from 'vitest';
import { TOTP_STEP_MS, useBackOfficeApp } from '../../test-support/back-office-app.js';
import { testWebServer } from '../../test-support/web-server.js';
import { dialects, freshDatabase } from '../../test-support/databases.js';
import { WebClient } from '../../test-support/web-client.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { addStaff, disableStaff, SETUP_LINK_TTL_MS } from '../staff/staff-repository.js';
import { totpCode } from '../staff/totp.js';

const GOOD = 'cheval agrafe pile 42';

function secretOf(page: string): string {
  const uri = /otpauth:\/\/totp\/[^<"]*/.exec(page)?.[0] ?? '';
  return new URL(uri.replace(/&amp;/g, '&')).searchParams.get('secret') ?? '';
}

describe.each(dialects)('staff setup and sign-in on %s', (kind) => {
  const { t, clock, app } = useBackOfficeApp(kind);

  async function setupLink(email: string, role: 'agent' | 'it' | 'admin'): Promise<string> {
    const added = await addStaff(t.db, clock, email, role);
    if (!added.ok) throw new Error('not added');
    return `/admin/setup/${added.setupToken}`;
  }

  it('an admin sets a strong password and enrols TOTP with one valid code, then signs in with a fresh code', async () => {
    const link = await setupLink('Chef@Cabinet.fr', 'admin');
    const browser = new WebClient(app());
    const page = await browser.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Obligatoire pour votre rôle.');
    const secret = secretOf(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.body).not.toMatch(/src="https?:/);

    const short = await browser.post(link, { password: 'onze-caract', confirmation: 'onze-caract', code: totpCode(secret, clock.now()) });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Mot de passe trop court : 12 caractères au moins.');
    expect(short.body).toMatch(/aria-describedby="f-password-hint f-password-error" aria-invalid="true"/);
    const common = await browser.post(link, { password: 'Azertyuiop123', confirmation: 'Azertyuiop123', code: totpCode(secret, clock.now()) });
    expect(common.body).toContain('Ce mot de passe est trop courant');
    const stale = await browser.post(link, { password: GOOD, confirmation: GOOD, code: totpCode(secret, clock.now() - 2 * TOTP_STEP_MS) });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('Code incorrect ou expiré');
    const missing = await browser.post(link, { password: GOOD, confirmation: GOOD, code: '' });
    expect(missing.body).toContain('Saisissez le code affiché par votre application.');
    expect(secretOf(missing.body)).toBe(secret);

    const setupCode = totpCode(secret, clock.now());
    const done = await browser.post(link, { password: GOOD, confirmation: GOOD, code: setupCode });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin?done=ready');
    expect((await browser.get(link)).statusCode).toBe(404);

    const stored = await t.db.selectFrom('staff').selectAll().where('email_normalized', '=', 'chef@cabinet.fr').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.setup_token_hash).toBeNull();

    const signIn = (b: WebClient, code: string, password = GOOD) => b.post('/admin/login', { email: ' chef@cabinet.FR', password, code });
    const login = new WebClient(app());
    await login.get('/admin');
    expect((await signIn(login, setupCode)).statusCode).toBe(401); // the code used at setup is spent
    clock.advance(TOTP_STEP_MS);
    expect((await signIn(login, totpCode(secret, clock.now() - 2 * TOTP_STEP_MS))).statusCode).toBe(401);
    expect((await signIn(login, totpCode(secret, clock.now()), 'mauvais mot de passe')).statusCode).toBe(401);
    const code = totpCode(secret, clock.now());
    const ok = await signIn(login, code);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/clients');
    expect(login.cookie('egec_staff_session')).toBeDefined();
    expect(login.cookie('egec_session')).toBeUndefined();
    expect((await login.get('/admin/clients')).statusCode).toBe(200);

    const replay = new WebClient(app());
    await replay.get('/admin');
    const again = await signIn(replay, code);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('Courriel, mot de passe ou code incorrect.');

    await login.get('/admin/clients');
    const out = await login.post('/admin/logout');
    expect(out.headers.location).toBe('/admin?done=logout');
    expect((await login.get('/admin/clients')).headers.location).toBe('/admin');
  });

  it('an agent may skip TOTP, and signs in with email and password only', async () => {
    const link = await setupLink('agent@cabinet.fr', 'agent');
    const browser = new WebClient(app());
    expect((await browser.get(link)).body).toContain('Facultatif pour votre rôle');
    expect((await browser.post(link, { password: GOOD, confirmation: GOOD, code: '' })).statusCode).toBe(303);
    await browser.get('/admin');
    expect((await browser.post('/admin/login', { email: 'agent@cabinet.fr', password: GOOD, code: '' })).statusCode).toBe(303);
  });

  it('refuses an expired setup link, and a disabled member at the next request', async () => {
    const expired = await setupLink('tard@cabinet.fr', 'agent');
    clock.advance(SETUP_LINK_TTL_MS);
    const browser = new WebClient(app());
    const page = await browser.get(expired);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('invalide, déjà utilisé ou expiré');

    const link = await setupLink('parti@cabinet.fr', 'agent');
    await browser.get(link);
    await browser.post(link, { password: GOOD, confirmation: GOOD, code: '' });
    await browser.get('/admin');
    await browser.post('/admin/login', { email: 'parti@cabinet.fr', password: GOOD });
    expect((await browser.get('/admin/clients')).statusCode).toBe(200);
    const row = await t.db.selectFrom('staff').select('id').where('email_normalized', '=', 'parti@cabinet.fr').executeTakeFirstOrThrow();
    await disableStaff(t.db, clock, Number(row.id));
    expect((await browser.get('/admin/clients')).headers.location).toBe('/admin');
    await browser.get('/admin');
    expect((await browser.post('/admin/login', { email: 'parti@cabinet.fr', password: GOOD })).statusCode).toBe(401);
  });

  it('requires TOTP of agents too when EGEC_STAFF_TOTP_REQUIRED says so', async () => {
    const strict = await testWebServer(t, clock, { EGEC_STAFF_TOTP_REQUIRED: 'agent,it,admin' });
    try {
      const link = await setupLink('strict@cabinet.fr', 'agent');
      const browser = new WebClient(strict);
      await browser.get(link);
      const refused = await browser.post(link, { password: GOOD, confirmation: GOOD, code: '' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Saisissez le code affiché par votre application.');
    } finally {
      await strict.close();
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const browser = new WebClient(app());
    await browser.get('/admin');
    const forged = await browser.post('/admin/login', { _csrf: 'forged', email: 'chef@cabinet.fr', password: GOOD });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Accès refusé');
  });
});

describe('bad requests to the back-office', () => {
  it('answer with a French page and a 4xx, never a 500', async () => {
    const t = await freshDatabase('sqlite');
    const app = await testWebServer(t, new ManualClock());
    try {
      const huge = await app.inject({ method: 'POST', url: '/admin/login', payload: `email=${'a'.repeat(20_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(huge.statusCode).toBe(413);
      expect(huge.body).toContain('Requête refusée');
      expect(huge.headers['cache-control']).toBe('no-store');
      const odd = await app.inject({ method: 'POST', url: '/admin/login', payload: '{}', headers: { 'content-type': 'application/xml' } });
      expect(odd.statusCode).toBe(415);
      expect(odd.body).toContain('Requête refusée');
    } finally {
      await app.close();
      await t.destroy();
    }
  });
});

/** Staff sign-in at /admin is throttled like the clients' login: per-account lock and per-IP limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backOfficeApp, setUpStaff, type TestStaff } from '../../test-support/back-office-app.js';
import { dialects, freshDatabase, type TestDatabase } from '../../test-support/databases.js';
import { FormBrowser } from '../../test-support/form-browser.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { fr } from '../../texts/fr.js';

const t_ = fr.backOffice.signIn;

describe.each(dialects)('staff sign-in throttling on %s', (kind) => {
  let t: TestDatabase;
  let agent: TestStaff;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await freshDatabase(kind);
    agent = await setUpStaff(t, clock, 'agent@cabinet.fr', 'agent');
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function signIn(browser: FormBrowser, email: string, password: string) {
    await browser.get('/admin');
    return browser.post('/admin/login', { email, password, code: '' });
  }

  it('ten wrong passwords lock the account, the right one is refused until the lock ends; unknown emails alike', async () => {
    const app = await backOfficeApp(t, clock);
    const browser = new FormBrowser(app);
    for (let i = 0; i < 10; i++) expect((await signIn(browser, 'agent@cabinet.fr', `faux-${i}`)).statusCode).toBe(401);
    const locked = await signIn(browser, 'Agent@Cabinet.fr', agent.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain(t_.locked);
    for (let i = 0; i < 10; i++) expect((await signIn(browser, 'personne@cabinet.fr', `faux-${i}`)).statusCode).toBe(401);
    expect((await signIn(browser, 'personne@cabinet.fr', 'faux')).body).toContain(t_.locked);
    clock.advance(60_000);
    expect((await signIn(browser, 'agent@cabinet.fr', agent.password)).statusCode).toBe(303);
    await app.close();
  });

  it('per IP: past EGEC_LIMIT_LOGIN_IP, 429 saying when to retry', async () => {
    const app = await backOfficeApp(t, clock, { EGEC_LIMIT_LOGIN_IP: '3/15min' });
    clock.advance(15 * 60_000); // past the window the previous test's attempts opened
    const browser = new FormBrowser(app);
    for (let i = 0; i < 3; i++) expect((await signIn(browser, 'agent@cabinet.fr', `faux-${i}`)).statusCode).toBe(401);
    const limited = await signIn(browser, 'agent@cabinet.fr', agent.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('900');
    expect(limited.body).toMatch(/Trop de tentatives de connexion depuis votre adresse\. Réessayez après le \d\d\/\d\d/);
    await app.close();
  });
});

/**
 * Client sessions over HTTP with a manual clock: idle and absolute expiry, rotation at login,
 * logout on the server, the `__Host-` cookie over https, and every end in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../audit/audit-query.js';
import { updateClient } from '../clients/client-repository.js';
import { hashToken } from '../sessions/session-store.js';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { addClientsWithPassword, logIn, loginServer } from '../test-support/login-server.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { WebClient } from '../test-support/web-client.js';

const RIGHT = 'fG69a*6jH';
const MINUTE = 60_000;

describe.each(dialects)('client sessions on %s', (kind) => {
  let t: TestDatabase;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await freshDatabase(kind);
    await addClientsWithPassword(t, clock, ['1000000001', '1000000002', '1000000003', '1000000004', '1000000005'], RIGHT);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const inSpace = async (browser: WebClient) => (await browser.get('/espace')).statusCode === 200;
  const endReason = async (token: string) =>
    (await t.db.selectFrom('session').select('end_reason').where('id_hash', '=', hashToken(token)).executeTakeFirstOrThrow()).end_reason;
  const audited = async (identifiant: string) =>
    (await queryAudit(t.db, { identifiant, types: ['session.ended'] })).events.map((e) => e.detail.reason);

  async function loggedIn(identifiant: string, env = {}) {
    const app = await loginServer(t, clock, env);
    const browser = new WebClient(app);
    expect((await logIn(browser, identifiant, RIGHT)).headers.location).toBe('/espace');
    return { app, browser };
  }

  it('ends after 30 minutes without a request, not before; the end is audited', async () => {
    const { app, browser } = await loggedIn('1000000001');
    const token = browser.cookie('egec_session')!;
    clock.advance(30 * MINUTE - 1);
    expect(await inSpace(browser)).toBe(true);
    clock.advance(30 * MINUTE - 1);
    expect(await inSpace(browser)).toBe(true);
    clock.advance(30 * MINUTE);
    expect(await inSpace(browser)).toBe(false);
    expect(await endReason(token)).toBe('idle');
    expect(await audited('1000000001')).toEqual(['idle']);
    await app.close();
  });

  it('ends 12 hours after login even while in use', async () => {
    const { app, browser } = await loggedIn('1000000002');
    const token = browser.cookie('egec_session')!;
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MINUTE);
      expect(await inSpace(browser)).toBe(true);
    }
    clock.advance(20 * MINUTE);
    expect(await inSpace(browser)).toBe(false);
    expect(await endReason(token)).toBe('expired');
    expect(await audited('1000000002')).toEqual(['expired']);
    await app.close();
  });

  it('a new login in the same browser ends the previous session (rotation); logout ends it on the server', async () => {
    const { app, browser } = await loggedIn('1000000003');
    const first = browser.cookie('egec_session')!;
    expect((await logIn(browser, '1000000003', RIGHT)).statusCode).toBe(303);
    const second = browser.cookie('egec_session')!;
    expect(second).not.toBe(first);
    expect(await endReason(first)).toBe('replaced');
    // The old token no longer opens anything, even replayed.
    const replay = await app.inject({ method: 'GET', url: '/espace', headers: { cookie: `egec_session=${first}` } });
    expect(replay.headers.location).toBe('/');

    await browser.get('/espace');
    expect((await browser.post('/logout', {})).statusCode).toBe(303);
    expect(await endReason(second)).toBe('logout');
    const stolen = await app.inject({ method: 'GET', url: '/espace', headers: { cookie: `egec_session=${second}` } });
    expect(stolen.headers.location).toBe('/');
    expect(await audited('1000000003')).toEqual(['logout']);
    await app.close();
  });

  it('a file disabled meanwhile ends the session at the next request', async () => {
    const { app, browser } = await loggedIn('1000000004');
    await updateClient(t.db, clock, '1000000004', { status: 'disabled' });
    expect(await inSpace(browser)).toBe(false);
    expect(await audited('1000000004')).toEqual(['disabled']);
    await app.close();
  });

  it('over https the cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/', async () => {
    const { app, browser } = await loggedIn('1000000005', { EGEC_PUBLIC_URL: 'https://egec.test' });
    expect(browser.cookie('egec_session')).toBeUndefined();
    expect(browser.cookie('__Host-egec_session')).toBeDefined();
    const login = await logIn(browser, '1000000005', RIGHT);
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-egec_session='));
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/);
    expect(await inSpace(browser)).toBe(true);
    await app.close();
  });
});

/**
 * CSRF (issue 5, point 5): every state-changing route the server serves, client pages and
 * back-office alike, refuses a POST without its CSRF token, and one marked cross-site by the
 * browser (Sec-Fetch-Site) or coming from a foreign Origin, with a 403 and nothing stored or sent
 * (no mail for ENVOYER). The same request from the page itself goes through, so the refusals are
 * the protection's doing. Signed in as client and administrator, so no other guard answers first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpStaff } from '../test-support/back-office-app.js';
import { dialects } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { outboxDrained } from '../test-support/outbox-drained.js';
import { servedRoutes } from '../test-support/route-list.js';
import { CLIENT_EMAIL, CLIENT_ID, queueNotice, signedInBrowser, STATE_CHANGING_FORMS, type FormContext } from '../test-support/state-changing-forms.js';
import { storedState } from '../test-support/stored-state.js';
import { startTestPortal, type TestPortal } from '../test-support/test-portal.js';

describe.each(dialects)('CSRF and cross-site refusals on %s', (kind) => {
  let portal: TestPortal;
  let context: FormContext;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock });
    await portal.addClient(CLIENT_ID, 'M.', 'Dupont', CLIENT_EMAIL);
    const admin = await setUpStaff(portal.database, clock, 'admin@cabinet.fr', 'admin');
    context = { db: portal.db, clock, admin, mailId: await queueNotice(portal.db, clock) };
    await outboxDrained(portal.db, clock);
  });
  afterAll(async () => {
    await portal?.close();
  });


  it('covers every POST route the server serves; no route accepts PUT, PATCH or DELETE', () => {
    expect(servedRoutes(portal.app, 'POST')).toEqual(Object.keys(STATE_CHANGING_FORMS).sort());
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) expect(servedRoutes(portal.app, method)).toEqual([]);
  });

  it.each(Object.keys(STATE_CHANGING_FORMS))('POST %s: 403 and no effect without the token or from another site', async (route) => {
    const { url, fields } = await STATE_CHANGING_FORMS[route]!(context);
    const { cookie, token } = await signedInBrowser(portal.app, context);
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      portal.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(body).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      });
    const before = await storedState(portal.db);
    const mailsBefore = portal.sink!.messages.length;

    for (const refused of [
      await post(fields),
      await post({ ...fields, _csrf: token }, { 'sec-fetch-site': 'cross-site' }),
      await post({ ...fields, _csrf: token }, { origin: 'https://attaquant.example' }),
    ]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['cache-control']).toBe('no-store');
    }
    expect(await storedState(portal.db)).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(portal.sink!.messages.length).toBe(mailsBefore);

    const fromThePage = await post({ ...fields, _csrf: token }, { origin: 'http://egec.test', 'sec-fetch-site': 'same-origin' });
    expect(fromThePage.statusCode).not.toBe(403);
    expect(fromThePage.statusCode).toBeLessThan(500);
    if (route === '/activation') await portal.sink!.waitForMessages(mailsBefore + 1);
    await outboxDrained(portal.db, clock);
  });
});

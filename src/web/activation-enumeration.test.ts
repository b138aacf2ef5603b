/**
 * EGEC_ACTIVATION_REVEAL_UNKNOWN=false (issue 5, point 3): a visitor cannot tell whether an address
 * is on file, neither from the answers (status, cookie, confirmation page) nor from their time.
 * The timing test is the one timed assertion the issue requires: over 200 interleaved requests the
 * median answer for a known and an unknown address differ by less than 5 ms. The machine is shared,
 * so requests are interleaved in small shuffled batches and the measurement may be taken again
 * (at most three times) before the test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { startTestPortal, type TestPortal } from '../test-support/test-portal.js';
import { csrfTokenOf, textOf, WebClient } from '../test-support/web-client.js';
import { fr } from '../texts/fr.js';

const HIDDEN = { EGEC_ACTIVATION_REVEAL_UNKNOWN: 'false', EGEC_LIMIT_ACTIVATION_EMAIL: '1000/1h', EGEC_LIMIT_ACTIVATION_IP: '1000/1h' };

describe.each(dialects)('activation with unknown addresses hidden, on %s', (kind) => {
  let portal: TestPortal;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock, env: HIDDEN });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'dupont@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** ENVOYER then the confirmation page, as a browser sees them. */
  async function envoyer(email: string) {
    const browser = new WebClient(portal.app);
    await browser.get('/activation');
    const answer = await browser.post('/activation', { email });
    const cookie = answer.cookies[0] as { name: string; value: string; path: string; maxAge: number; httpOnly: boolean; sameSite: string };
    const confirmation = await browser.follow(answer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refreshed = await browser.get('/activation/envoye');
    return {
      answer: { status: answer.statusCode, location: answer.headers.location, cookie: { ...cookie, value: cookie.value.length } },
      confirmation: confirmation.body,
      refreshed: refreshed.body,
    };
  }

  it('answers a known and an unknown address alike: same redirect, same cookie shape, same confirmation; only the known one gets a mail', async () => {
    const known = await envoyer('dupont@example.fr');
    const unknown = await envoyer('personne@example.fr');
    expect(unknown).toEqual(known);
    expect(known.answer.status).toBe(303);
    expect(textOf(known.confirmation)).toContain(`${fr.memo.mailSent} ${fr.memo.mailDelay}`);
    expect(textOf(known.refreshed)).not.toContain(fr.sent.status);
    expect(textOf(known.confirmation)).not.toContain(fr.memo.notRecognized);
    const mails = await portal.db.selectFrom('mail').select('recipient_normalized').execute();
    expect(mails.map((m) => m.recipient_normalized)).toEqual(['dupont@example.fr']);
  });

  it('takes as long for an unknown address as for a known one: medians over 200 interleaved requests differ by < 5 ms', async () => {
    const browser = new WebClient(portal.app);
    const token = csrfTokenOf((await browser.get('/activation')).body);
    const timeOne = async (email: string) => {
      const started = performance.now();
      const answer = await browser.post('/activation', { _csrf: token, email });
      const elapsed = performance.now() - started;
      expect(answer.statusCode).toBe(303);
      return elapsed;
    };
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
    };
    const measure = async () => {
      const known: number[] = [];
      const unknown: number[] = [];
      for (let batch = 0; batch < 50; batch += 1) {
        const order = Math.random() < 0.5 ? ['k', 'u', 'k', 'u'] : ['u', 'k', 'u', 'k'];
        await Promise.all(
          order.map(async (which, i) => {
            if (which === 'k') known.push(await timeOne('dupont@example.fr'));
            else unknown.push(await timeOne(`inconnu${batch}-${i}@example.fr`));
          }),
        );
      }
      return { known: median(known), unknown: median(unknown) };
    };
    let medians = await measure();
    for (let retry = 0; retry < 2 && Math.abs(medians.known - medians.unknown) >= 5; retry += 1) medians = await measure();
    expect(Math.abs(medians.known - medians.unknown), JSON.stringify(medians)).toBeLessThan(5);
  }, 180_000);
});

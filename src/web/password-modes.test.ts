/**
 * The password modes as `egec serve` wires them (config → activation and login alike), over HTTP
 * with real mails: EGEC_PASSWORD_REPLACE=pending and EGEC_PASSWORD_UNUSED_TTL. The rules
 * themselves are tested in password-lifecycle.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../config.js';
import { dialects } from '../test-support/databases.js';
import { logIn } from '../test-support/login-server.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { activateByMail } from '../test-support/portal-activation.js';
import { startTestPortal, type TestPortal } from '../test-support/test-portal.js';
import { WebClient } from '../test-support/web-client.js';

const ID = '1234567890';
const EMAIL = 'jean.dupont@example.fr';

describe.each(dialects)('password modes over HTTP on %s', (kind) => {
  let portal: TestPortal | undefined;
  const clock = new ManualClock();
  afterEach(async () => {
    await portal?.close();
    portal = undefined;
  });
  async function start(env: Env): Promise<TestPortal> {
    portal = await startTestPortal(kind, { clock, env });
    await portal.addClient(ID, 'M.', 'Dupont', EMAIL);
    return portal;
  }
  const status = async (p: TestPortal, password: string) => (await logIn(new WebClient(p.app), ID, password)).statusCode;

  it('pending: after a second ENVOYER the password in use still opens the space, until the new one is used', async () => {
    const p = await start({ EGEC_PASSWORD_REPLACE: 'pending' });
    const first = (await activateByMail(p, EMAIL)).get(ID)!;
    expect(await status(p, first)).toBe(303);
    const second = (await activateByMail(p, EMAIL)).get(ID)!;
    expect(await status(p, first)).toBe(303);
    expect(await status(p, second)).toBe(303);
    expect(await status(p, first)).toBe(200);
  });

  it('unused TTL: a mailed password not used within EGEC_PASSWORD_UNUSED_TTL no longer opens the space', async () => {
    const p = await start({ EGEC_PASSWORD_UNUSED_TTL: '24h' });
    const password = (await activateByMail(p, EMAIL)).get(ID)!;
    clock.advance(24 * 3_600_000);
    expect(await status(p, password)).toBe(200);
  });
});

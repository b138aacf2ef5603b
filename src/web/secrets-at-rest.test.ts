/**
 * Issue point 9, secrets: after the whole memo flow (ENVOYER → mail sent → login, a second
 * ENVOYER, a login with the superseded password, a wrong one, logout), no generated or typed
 * password is in the captured logs (debug level, server and audit alike) nor anywhere in the
 * database's raw bytes / dump once the mails are sent.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { dumpDatabase } from '../test-support/database-dump.js';
import { dialects } from '../test-support/databases.js';
import { logIn } from '../test-support/login-server.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { activateByMail } from '../test-support/portal-activation.js';
import { startTestPortal, type TestPortal } from '../test-support/test-portal.js';
import { WebClient } from '../test-support/web-client.js';

describe.each(dialects)('no password in logs or at rest on %s', (kind) => {
  let portal: TestPortal;
  const logs: string[] = [];
  beforeAll(async () => {
    const capture = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    portal = await startTestPortal(kind, { clock: new ManualClock(), logger: createLogger('debug', capture) });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'jean.dupont@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  const activate = async () => (await activateByMail(portal, 'jean.dupont@example.fr')).get('1234567890')!;

  async function allMailsSent(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const open = await portal.db.selectFrom('mail').select('id').where('sealed_content', 'is not', null).execute();
      if (open.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('mails still sealed in the outbox');
  }

  it('the mailed passwords and the typed ones appear in no log line and nowhere in the database', async () => {
    const first = await activate();
    const browser = new WebClient(portal.app);
    expect((await logIn(browser, '1234567890', first)).statusCode).toBe(303);
    const second = await activate();
    const typedWrong = 'Tape-Faux-7';
    expect((await logIn(new WebClient(portal.app), '1234567890', first)).statusCode).toBe(200);
    expect((await logIn(new WebClient(portal.app), '1234567890', typedWrong)).statusCode).toBe(200);
    const again = new WebClient(portal.app);
    expect((await logIn(again, '1234567890', second)).statusCode).toBe(303);
    await again.get('/espace');
    expect((await again.post('/logout', {})).statusCode).toBe(303);
    await allMailsSent();

    const log = logs.join('');
    // The capture works: the audit events and request lines are there.
    expect(log).toContain('"audit login.succeeded"');
    expect(log).toContain('"superseded-password"');
    expect(log).toContain('/login');
    const dump = await dumpDatabase(portal.database);
    expect(dump).toContain('jean.dupont@example.fr');
    for (const secret of [first, second, typedWrong]) {
      expect(log).not.toContain(secret);
      expect(dump).not.toContain(secret);
    }
  });
});

/**
 * eGEC as a browser meets it: assembled exactly as `egec serve` does (`startTestPortal`), listening
 * on 127.0.0.1 on a free port, with a fresh SQLite file and a real SMTP server on 127.0.0.1 that
 * receives the memo's mail. `mailFor` reads the identifiant and password the way a client does:
 * from the text of the last mail received at their address.
 */
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { mailedCredentials } from '../../src/test-support/mailed-credentials.js';
import type { ReceivedMail, SmtpSink } from '../../src/test-support/smtp-sink.js';
import { startTestPortal, type TestPortal } from '../../src/test-support/test-portal.js';

export interface MemoClient {
  readonly identifiant: string;
  readonly name: string;
  readonly email: string;
}

export interface MailedCredentials {
  readonly identifiant: string;
  readonly password: string;
  readonly text: string;
}

export interface Egec {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly portal: TestPortal;
  readonly sink: SmtpSink;
  /** A new client file « M. <name> » with its own address, as the firm registers it. */
  addClient(name: string): Promise<MemoClient>;
  /** Waits until `count` mails reached `email`, then reads the credentials in the last one. */
  mailFor(email: string, count: number): Promise<MailedCredentials>;
  close(): Promise<void>;
}

export async function startEgec(): Promise<Egec> {
  // A lock after 3 failures (not 10): the page states reach it in a few tries, within the per-IP limit.
  const portal = await startTestPortal('sqlite', { smtp: true, clock: systemClock, env: { EGEC_LOGIN_LOCK_AFTER: '3' } });
  const sink = portal.sink;
  if (sink === undefined) throw new Error('the SMTP sink did not start');
  await portal.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = portal.app.server.address() as AddressInfo;
  let clients = 0;

  const received = (email: string): ReceivedMail[] => sink.messages.filter((m) => m.envelope.to.includes(email));

  return {
    url: `http://127.0.0.1:${port}`,
    portal,
    sink,
    async addClient(name) {
      clients += 1;
      const client = { identifiant: String(4_200_000_000 + clients * 7_919), name, email: `client${clients}.${name.toLowerCase()}@exemple.fr` };
      await portal.addClient(client.identifiant, 'M.', name, client.email);
      return client;
    },
    async mailFor(email, count) {
      // The delivery worker sends in the background; a loaded machine may take seconds.
      const mails = await vi.waitFor(
        () => {
          const got = received(email);
          if (got.length < count) throw new Error(`${got.length} mail(s) received at ${email}, ${count} expected`);
          return got;
        },
        { timeout: 20_000, interval: 50 },
      );
      if (mails.length > count) throw new Error(`${mails.length} mails received at ${email}, only ${count} expected`);
      const text = mails[count - 1]?.parsed.text ?? '';
      const [entry] = mailedCredentials(text);
      if (entry === undefined) throw new Error(`no identifiant or password in the mail:\n${text}`);
      return { identifiant: entry[0], password: entry[1], text };
    },
    close: () => portal.close(),
  };
}

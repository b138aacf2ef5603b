/**
 * A real SMTP server on 127.0.0.1 for tests (`smtp-server`), receiving what eGEC sends and parsing
 * each mail with `mailparser` as a mail client would. No TLS, any or no login accepted.
 *
 * Failures are simulated at the end of DATA, where a real server refuses a message: `failNext`
 * answers the next N messages (or all of them) with a given code and text, e.g. 451 (temporary) or
 * 550 (permanent). An outage is `close()` then `startSmtpSink({ port })` again on the same port.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The login used, if the client authenticated. */
  readonly user: string | undefined;
  readonly parsed: ParsedMail;
  /** The bytes as received, e.g. for SpamAssassin. */
  readonly raw: Buffer;
}

export interface RejectedMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly code: number;
}

export interface SmtpSink {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`, for `EGEC_SMTP_URL`. */
  readonly url: string;
  readonly messages: readonly ReceivedMail[];
  readonly rejected: readonly RejectedMail[];
  /** Answers the next `count` messages (default: every message until `acceptAll`) with `code text`. */
  failNext(code: number, text: string, count?: number): void;
  acceptAll(): void;
  /** Answers each message `ms` later, like a slow mail server (0: at once). */
  answerAfter(ms: number): void;
  /** The most SMTP sessions that were open at once so far. */
  readonly peakSessions: number;
  /** Resolves once `n` messages have been accepted in total; rejects after `timeoutMs`. */
  waitForMessages(n: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  close(): Promise<void>;
}

type Failure = { code: number; text: string; remaining: number };

const addressOf = (address: SMTPServerAddress | false): string => (address ? address.address : '');

export async function startSmtpSink({ port = 0 }: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const rejected: RejectedMail[] = [];
  const waiters = new Set<() => void>();
  let failure: Failure | undefined;
  let answerDelayMs = 0;
  let openSessions = 0;
  let peakSessions = 0;

  const takeFailure = (): Failure | undefined => {
    if (failure === undefined) return undefined;
    const current = failure;
    current.remaining -= 1;
    if (current.remaining <= 0) failure = undefined;
    return current;
  };

  const server = new SMTPServer({
    name: 'sink.egec.test',
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    // Pooled clients keep connections open; an outage test must not wait 30 s for them.
    closeTimeout: 50,
    onConnect(_session, callback) {
      openSessions += 1;
      peakSessions = Math.max(peakSessions, openSessions);
      callback();
    },
    onClose() {
      openSessions -= 1;
    },
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: addressOf(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const fail = takeFailure();
        if (fail !== undefined) {
          rejected.push({ envelope, code: fail.code });
          callback(Object.assign(new Error(fail.text), { responseCode: fail.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const user = typeof session.user === 'string' ? session.user : undefined;
            const accept = () => {
              messages.push({ envelope, user, parsed, raw });
              callback(null, `Ok: queued as sink-${messages.length}`);
              for (const wake of [...waiters]) wake();
            };
            if (answerDelayMs > 0) setTimeout(accept, answerDelayMs);
            else accept();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client hanging up mid-session is normal in outage tests; keep the process alive.
  server.on('error', () => undefined);
  const actualPort = (server.server.address() as AddressInfo).port;

  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    rejected,
    failNext(code, text, count = Number.POSITIVE_INFINITY) {
      failure = { code, text, remaining: count };
    },
    acceptAll() {
      failure = undefined;
    },
    answerAfter(ms) {
      answerDelayMs = ms;
    },
    get peakSessions() {
      return peakSessions;
    },
    waitForMessages(n, timeoutMs = 5_000) {
      if (messages.length >= n) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`SMTP sink: ${messages.length} message(s) received, ${n} expected within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Sends mail through the firm's SMTP server (`EGEC_SMTP_URL`) with a Nodemailer connection pool,
 * optionally DKIM-signed. Failures come back as outcomes the delivery worker can act on:
 * a 5xx reply is permanent (the server will never take this mail), everything else — 4xx, refused
 * connection, timeout, DNS, TLS — is temporary and worth a retry. Errors carry the server's reply,
 * never the mail's content (it holds a password). Short timeouts: a dead server must fail fast and
 * leave the retry to the worker rather than hold a connection for minutes.
 */
import fs from 'node:fs';
import nodemailer from 'nodemailer';
import type { Clock } from '../../clock.js';
import type { DkimConfig } from '../../config.js';
import type { DeliveryResult, MailMessage, MailTransport } from '../mail-message.js';
import { isSingleAddress, mailOptions, notSingleAddress } from './mail-options.js';

export interface SmtpTimeouts {
  /** To open the TCP (and TLS) connection. */
  readonly connectionMs: number;
  /** From connection to the server's 220 greeting. */
  readonly greetingMs: number;
  /** Any silence on an open connection. */
  readonly socketMs: number;
}

export const defaultSmtpTimeouts: SmtpTimeouts = { connectionMs: 5_000, greetingMs: 5_000, socketMs: 20_000 };

export interface SmtpTransportOptions {
  readonly url: URL;
  readonly from: string;
  readonly dkim: DkimConfig | undefined;
  readonly clock: Clock;
  readonly timeouts?: Partial<SmtpTimeouts>;
  /** SMTP connections kept open at most: as many as the mails the worker sends at once. */
  readonly connections: number;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * 5xx refuses this mail for good, and so does an envelope Nodemailer itself rejects. Anything else
 * (4xx, network, DNS, TLS, timeout) may pass later — a refused login too, even with a 5xx: it is the
 * server's configuration that is wrong, not the mail, and it will be fixed.
 */
export function classifySmtpFailure(error: unknown): { permanent: boolean; error: string } {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  const reply = e.response?.trim() || e.message || 'erreur inconnue';
  const label = e.code ?? (e.responseCode === undefined ? 'SMTP' : `SMTP ${e.responseCode}`);
  const refusedLogin = e.code === 'EAUTH' || e.code === 'ENOAUTH';
  const permanent =
    !refusedLogin &&
    (e.responseCode === undefined ? e.code === 'EENVELOPE' : e.responseCode >= 500 && e.responseCode < 600);
  return { permanent, error: `${label}: ${reply}`.slice(0, 500) };
}

export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const { url, from, dkim, clock } = options;
  const timeouts = { ...defaultSmtpTimeouts, ...options.timeouts };
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: options.connections,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth: user === '' ? undefined : { user, pass: decodeURIComponent(url.password) },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dkim:
      dkim === undefined
        ? undefined
        : { domainName: dkim.domain, keySelector: dkim.selector, privateKey: fs.readFileSync(dkim.keyFile, 'utf8') },
    logger: false,
  });

  return {
    async send(message: MailMessage): Promise<DeliveryResult> {
      if (!isSingleAddress(message.to)) return notSingleAddress;
      try {
        const info = await transporter.sendMail(mailOptions(message, from, clock.now()));
        return { ok: true, messageId: info.messageId, response: info.response };
      } catch (error) {
        return { ok: false, ...classifySmtpFailure(error) };
      }
    },
    async close() {
      transporter.close();
    },
  };
}

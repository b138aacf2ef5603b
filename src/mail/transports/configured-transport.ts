/**
 * The transport the configuration asks for: the firm's SMTP server when `EGEC_SMTP_URL` is set,
 * otherwise the embedded mailbox, so that eGEC works with nothing else installed.
 */
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { MailTransport } from '../mail-message.js';
import { createMailboxTransport } from './mailbox-transport.js';
import { createSmtpTransport, type SmtpTimeouts } from './smtp-transport.js';

export function createConfiguredTransport(
  config: Pick<Config, 'mail' | 'dataDir'>,
  clock: Clock,
  timeouts?: Partial<SmtpTimeouts>,
): MailTransport {
  const { smtpUrl, from, dkim, connections } = config.mail;
  if (smtpUrl === undefined) return createMailboxTransport({ dataDir: config.dataDir, from, clock });
  return createSmtpTransport({ url: smtpUrl, from, dkim, clock, timeouts, connections });
}

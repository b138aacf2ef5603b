/**
 * Picks the transport once, at start: the firm's SMTP server when EGEC_SMTP_URL is set, else the
 * embedded mailbox under the data folder (trying eGEC needs no mail server).
 */
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { MailTransport } from '../mail-message.js';
import { createMailboxTransport } from './mailbox-transport.js';
import { createSmtpTransport } from './smtp-transport.js';

export function createConfiguredTransport(config: Config, clock: Clock): { transport: MailTransport; kind: 'smtp' | 'mailbox' } {
  const { smtpUrl, from, dkim } = config.mail;
  if (smtpUrl !== undefined) return { transport: createSmtpTransport({ url: smtpUrl, from, dkim, clock }), kind: 'smtp' };
  return { transport: createMailboxTransport({ dataDir: config.dataDir, from, clock }), kind: 'mailbox' };
}

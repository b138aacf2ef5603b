/**
 * The one place a `MailMessage` becomes Nodemailer's message options, so the SMTP transport and the
 * embedded mailbox produce the same mail. What helps it reach the inbox: a From with a display
 * name, a Message-ID on the sender's own domain, a Date, `Auto-Submitted: auto-generated` (RFC 3834,
 * so out-of-office robots do not answer), UTF-8, and text + HTML as multipart/alternative.
 * Nothing from the client file goes into a header except the registered address in To.
 */
import { randomUUID } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { DeliveryResult, MailMessage } from '../mail-message.js';

/** The address part of `Name <address>` or of a bare address. */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/**
 * One plain address, nothing a mail library would read as a list, a display name or a header
 * (commas, brackets, quotes, spaces, line breaks): a password must reach exactly one mailbox.
 */
export function isSingleAddress(to: string): boolean {
  return /^[^\s@,;:<>"()[\]\\]+@[^\s@,;:<>"()[\]\\]+$/.test(to) && to.length <= 254;
}

export const notSingleAddress: DeliveryResult = {
  ok: false,
  permanent: true,
  error: 'EENVELOPE: destinataire invalide (une seule adresse attendue)',
};

export function domainOf(from: string): string {
  const address = addressOf(from);
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export function mailOptions(message: MailMessage, from: string, now: number): SendMailOptions {
  return {
    from,
    to: message.to,
    envelope: { from: addressOf(from), to: [message.to] },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${randomUUID()}@${domainOf(from)}>`,
    date: new Date(now),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    textEncoding: 'quoted-printable',
    // The content is ours, but never let a message reach the file system or the network.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

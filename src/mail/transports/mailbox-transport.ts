/**
 * The embedded mailbox: with no `EGEC_SMTP_URL`, each mail is written as a real `.eml` file under
 * `<dataDir>/mailbox/`, built by the same Nodemailer pipeline as the SMTP transport, so what you read
 * there is what a client would receive. Files are readable by the owner only (0600): they hold
 * passwords. Names start with the UTC time, so they sort by time; an id is a file name without
 * `.eml` and must match that exact shape, which rules out any path traversal.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Clock } from '../../clock.js';
import type { DeliveryResult, MailMessage, MailTransport } from '../mail-message.js';
import { isSingleAddress, mailOptions, notSingleAddress } from './mail-options.js';

export interface MailboxSummary {
  readonly id: string;
  /** The Date header, epoch ms. */
  readonly date: number;
  readonly to: string;
  readonly subject: string;
}

export interface MailboxMessage extends MailboxSummary {
  readonly from: string;
  readonly messageId: string;
  readonly text: string;
  /** null when the mail has no HTML part. */
  readonly html: string | null;
}

const ID = /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}$/;

export function mailboxDir(dataDir: string): string {
  return path.join(dataDir, 'mailbox');
}

export function isMailboxId(id: string): boolean {
  return ID.test(id);
}

export function createMailboxTransport(options: { dataDir: string; from: string; clock: Clock }): MailTransport {
  const dir = mailboxDir(options.dataDir);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  // Breaks ties between mails written in the same millisecond, keeping their order.
  let sequence = 0;

  return {
    async send(message: MailMessage): Promise<DeliveryResult> {
      if (!isSingleAddress(message.to)) return notSingleAddress;
      const now = options.clock.now();
      try {
        const info = await composer.sendMail(mailOptions(message, options.from, now));
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        sequence = (sequence + 1) % 1_000_000;
        const id = `${stamp(now)}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
        await fs.writeFile(path.join(dir, `${id}.eml`), info.message as Buffer, { mode: 0o600, flag: 'wx' });
        return { ok: true, messageId: info.messageId, response: `mailbox: ${id}` };
      } catch (error) {
        // A full or read-only disk may be fixed; the worker retries. Never echo the content.
        const code = (error as { code?: string }).code ?? 'EMAILBOX';
        return { ok: false, permanent: false, error: `${code}: la boîte intégrée n'a pas pu enregistrer le courriel` };
      }
    },
    async close() {
      composer.close();
    },
  };
}

/** Newest first; at most `limit` mails. An absent folder is an empty mailbox. */
export async function listMailbox(dataDir: string, { limit = 100 }: { limit?: number } = {}): Promise<MailboxSummary[]> {
  const dir = mailboxDir(dataDir);
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = names
    .filter((name) => name.endsWith('.eml') && isMailboxId(name.slice(0, -4)))
    .map((name) => name.slice(0, -4))
    .sort()
    .reverse()
    .slice(0, limit);
  const messages = await Promise.all(ids.map((id) => readMailboxMessage(dataDir, id)));
  return messages
    .filter((m): m is MailboxMessage => m !== null)
    .map(({ id, date, to, subject }) => ({ id, date, to, subject }));
}

/** null for an id of the wrong shape or a mail that is not there. */
export async function readMailboxMessage(dataDir: string, id: string): Promise<MailboxMessage | null> {
  if (!isMailboxId(id)) return null;
  const raw = await fs.readFile(path.join(mailboxDir(dataDir), `${id}.eml`)).catch(() => null);
  if (raw === null) return null;
  const parsed = await simpleParser(raw);
  return {
    id,
    date: parsed.date?.getTime() ?? 0,
    to: addresses(parsed.to),
    from: addresses(parsed.from),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (value === undefined) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** `20261126T093200123Z`: UTC, fixed width, so names sort by time. */
function stamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:.]/g, '');
}

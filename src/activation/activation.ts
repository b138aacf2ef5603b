/**
 * Activation (the memo's ENVOYER): an email → a new password for every active client file
 * registered under it → one mail listing each identifiant with its password.
 *
 * Security model: passwords are drawn by the generator (CSPRNG) and stored only as argon2id
 * hashes; the clear passwords exist only in memory here and in the sealed outbox content. Every
 * change happens in ONE transaction with the mail: the files' rows are locked, their live
 * passwords retired (as the lifecycle's mode says), the new ones inserted with the id of the
 * mail that carries them, waiting credentials mails to the address superseded (only the last
 * mail counts) and the new mail enqueued. So there is never a password without its mail, nor a
 * mail whose password was already replaced, and two simultaneous requests for one address run
 * one after the other. In the same transaction every session of those files ends (whoever was
 * logged in with an old password is out) and their login locks lift: the request proves control
 * of the mailbox, the memo's way back in. Whether an address is known is visible to the requester
 * (the memo's « non reconnu(s) » page) unless EGEC_ACTIVATION_REVEAL_UNKNOWN=false; either way an
 * unknown address costs the same argon2id hash as a known one, and the route paces its answers,
 * so response times do not tell. Every request is audited (`activation.requested`, the email
 * only as a keyed hash) and so is every mail status change, in the same transaction. Throttling
 * per address and per IP (src/security) wraps this function in the route, so the Service IT's
 * requests are not limited.
 */
import { auditAfterCommit, recordAudit, type AuditContext, type AuditDeps } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { findClientsByEmail } from '../clients/client-repository.js';
import { EMAIL_MAX, normalizeEmail } from '../clients/client-fields.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import { retireOnIssue, type PasswordPolicy } from '../credentials/password-lifecycle.js';
import { clearLock } from '../login/account-lock.js';
import type { ContentSealer } from '../mail/content-sealer.js';
import type { CredentialsMailInput } from '../mail/credentials-mail.js';
import { auditCarriedMailStatus, auditMailStatus } from '../mail/mail-audit.js';
import type { MailMessage } from '../mail/mail-message.js';
import { enqueueMail, nextSequence, supersedeQueued } from '../mail/outbox.js';
import { endSessionsOf } from '../sessions/session-store.js';
import type { Db } from '../storage/database.js';
import { lockedForUpdate } from '../storage/dialect.js';

/** What the credentials mail says; language, time zone and site address are bound by the caller. */
export type CredentialsMailContent = Omit<CredentialsMailInput, 'timeZone' | 'publicUrl' | 'texts'>;

export interface ActivationDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly generatePassword: () => string;
  /** Which earlier passwords a new one retires (EGEC_PASSWORD_REPLACE). */
  readonly passwords: PasswordPolicy;
  readonly sealer: ContentSealer;
  readonly composeMail: (content: CredentialsMailContent) => MailMessage;
  /** Tells the delivery worker a mail is waiting (it also polls). */
  readonly wakeMailer: () => void;
  readonly audit: AuditDeps;
}

export type InvalidEmail = 'empty' | 'too-long' | 'control-characters' | 'malformed';

export type ActivationOutcome =
  | { kind: 'invalid'; reason: InvalidEmail }
  | { kind: 'unknown' }
  | { kind: 'sent'; mailId: number; identifiants: readonly string[] };

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The typed address, trimmed; refused before any lookup when it cannot be an address. */
export function parseTypedEmail(raw: string): { ok: true; email: string } | { ok: false; reason: InvalidEmail } {
  const email = raw.trim();
  if (email === '') return { ok: false, reason: 'empty' };
  if (email.length > EMAIL_MAX) return { ok: false, reason: 'too-long' };
  if (CONTROL.test(email)) return { ok: false, reason: 'control-characters' };
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { ok: false, reason: 'malformed' };
  return { ok: true, email };
}

/** `context`: who asked (IP, user agent), for the audit log. */
export async function requestActivation(deps: ActivationDeps, rawEmail: string, context: AuditContext = {}): Promise<ActivationOutcome> {
  const parsed = parseTypedEmail(rawEmail);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  const normalized = normalizeEmail(parsed.email);
  const unknown = async (): Promise<ActivationOutcome> => {
    await recordAudit(deps.audit, { type: 'activation.requested', email: normalized, outcome: 'unknown-email' }, context);
    return { kind: 'unknown' };
  };
  const files = (await findClientsByEmail(deps.db, normalized)).filter((file) => file.status === 'active');
  if (files.length === 0) {
    // The work a known address costs (one password drawn and hashed), so the time does not tell.
    await deps.hasher.hash(deps.generatePassword());
    return unknown();
  }

  // argon2id is slow on purpose: hash before the transaction so the row locks are held briefly.
  const fresh = await Promise.all(
    files.map(async (file) => {
      const password = deps.generatePassword();
      return { file, password, hash: await deps.hasher.hash(password) };
    }),
  );

  const audited = auditAfterCommit(deps.audit);
  const committed = await deps.db.transaction().execute(async (tx) => {
    // Re-read under lock: a file disabled or moved to another address meanwhile is left out.
    const locked = await lockedForUpdate(
      tx,
      tx
        .selectFrom('client')
        .select('identifiant')
        .where('identifiant', 'in', files.map((f) => f.identifiant))
        .where('email_normalized', '=', normalized)
        .where('status', '=', 'active')
        .orderBy('identifiant'),
    ).execute();
    const still = new Set(locked.map((row) => row.identifiant));
    const issued = fresh.filter(({ file }) => still.has(file.identifiant));
    if (issued.length === 0) return undefined;

    const now = deps.clock.now();
    const identifiants = issued.map(({ file }) => file.identifiant);
    await retireOnIssue(tx, identifiants, now, deps.passwords);
    // Proof of the mailbox: the file's login lock lifts and its open sessions end, with the change.
    for (const identifiant of identifiants) {
      await clearLock(tx, identifiant);
      await endSessionsOf(tx, deps.clock, { kind: 'client', id: identifiant }, 'activation');
    }

    const recipient = issued[0]!.file.email.trim();
    const sequence = await nextSequence(tx, normalized);
    const message = deps.composeMail({
      to: recipient,
      sequence,
      issuedAt: now,
      accounts: issued.map(({ file, password }) => ({ identifiant: file.identifiant, civility: file.civility, name: file.name, password })),
    });
    const audit = audited.within(tx);
    for (const superseded of await supersedeQueued(tx, deps.clock, normalized)) await auditMailStatus(audit, superseded, 'superseded');
    const { id: mailId } = await enqueueMail(tx, { clock: deps.clock, sealer: deps.sealer }, { kind: 'credentials', recipient, sequence, message });
    await tx
      .insertInto('password')
      .values(issued.map(({ file, hash }) => ({ identifiant: file.identifiant, hash, mail_id: mailId, issued_at: now })))
      .execute();
    await recordAudit(audit, { type: 'activation.requested', email: normalized, outcome: 'matched', identifiants }, context);
    await auditCarriedMailStatus(audit, mailId, 'queued', identifiants);
    return { mailId, identifiants };
  });
  if (committed === undefined) return unknown();

  audited.publish();
  deps.wakeMailer();
  return { kind: 'sent', ...committed };
}

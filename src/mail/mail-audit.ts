/**
 * Every change of a mail's status goes to the audit log (`mail.status`), tied to the client files
 * whose passwords the mail carries, so the Service IT can follow one client's mails. Called inside
 * the transaction that changes the status: a status is never recorded without its audit row.
 * Never the content, never a password; the error text is the mail server's reply.
 */
import { recordAudit, type AuditDeps, type AuditedMailStatus, type AuditEvent } from '../audit/audit-log.js';

/** When the caller does not hold the carried files (a superseded mail), they are read from the mail's passwords. */
export async function auditMailStatus(audit: AuditDeps, mailId: number, status: AuditedMailStatus, error?: string): Promise<void> {
  const carried = await audit.db.selectFrom('password').select('identifiant').where('mail_id', '=', mailId).execute();
  await auditCarriedMailStatus(audit, mailId, status, carried.map((row) => row.identifiant), error);
}

/** `identifiants`: the files whose passwords the mail carries, as the caller already knows them. */
export async function auditCarriedMailStatus(
  audit: AuditDeps,
  mailId: number,
  status: AuditedMailStatus,
  identifiants: readonly string[],
  error?: string,
): Promise<void> {
  await recordAudit(audit, mailStatusEvent(mailId, status, identifiants, error));
}

/** The audit event of one status change; the worker records a batch of them with `recordAudits`. */
export function mailStatusEvent(mailId: number, status: AuditedMailStatus, identifiants: readonly string[], error?: string): AuditEvent {
  return { type: 'mail.status', mailId, status, identifiants: [...identifiants].sort(), ...(error === undefined ? {} : { error }) };
}

/**
 * Every change of a mail's status goes to the audit log (`mail.status`), tied to the client files
 * whose passwords the mail carries, so the Service IT can follow one client's mails. Called inside
 * the transaction that changes the status: a status is never recorded without its audit row.
 * Never the content, never a password; the error text is the mail server's reply.
 */
import { recordAudit, type AuditDeps, type AuditedMailStatus } from '../audit/audit-log.js';

export async function auditMailStatus(audit: AuditDeps, mailId: number, status: AuditedMailStatus, error?: string): Promise<void> {
  const carried = await audit.db.selectFrom('password').select('identifiant').where('mail_id', '=', mailId).orderBy('identifiant').execute();
  const identifiants = carried.map((row) => row.identifiant);
  await recordAudit(audit, { type: 'mail.status', mailId, status, identifiants, ...(error === undefined ? {} : { error }) });
}

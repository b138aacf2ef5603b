/**
 * Every staff action goes to the audit log as `staff.action`, with the member's id, the client
 * file it touched and where the request came from. Called after the action succeeded, or when
 * the guard refused a member a route beyond their role (`access.refused`).
 */
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit-log.js';
import type { BackOfficeContext } from './back-office-context.js';

type Detail = { readonly [key: string]: string | number | boolean | null | readonly string[] };

export async function auditStaff(
  ctx: BackOfficeContext,
  request: FastifyRequest,
  action: string,
  target: { identifiant?: string; detail?: Detail } = {},
): Promise<void> {
  const staffId = String(request.staff?.member.id ?? 'inconnu');
  await recordAudit(
    ctx.audit,
    { type: 'staff.action', staffId, action, ...target },
    { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, staffId },
  );
}

/**
 * The logged-in client of a request, from the session cookie. A session that is over, or whose
 * client file is gone or disabled, counts as none (and its cookie is cleared). Every end of a
 * session seen here (idle, expired, file disabled, logout) is written to the audit log.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit-log.js';
import { findClient, type ClientFile } from '../clients/client-repository.js';
import { endSession, validateSession, type Session } from '../sessions/session-store.js';
import { sessionCookie } from '../sessions/session-cookie.js';
import { clientMeta } from './form-fields.js';
import type { WebDeps } from './web-deps.js';

export interface CurrentClient {
  readonly token: string;
  readonly session: Session;
  readonly client: ClientFile;
}

export function clientCookie(deps: WebDeps) {
  return sessionCookie('client', deps.config.http.publicUrl.protocol === 'https:');
}

export async function currentClient(deps: WebDeps, request: FastifyRequest, reply: FastifyReply): Promise<CurrentClient | undefined> {
  const cookie = clientCookie(deps);
  const token = request.cookies[cookie.name];
  if (token === undefined) return undefined;
  const check = await validateSession(deps.db, deps.clock, 'client', token, deps.config.sessions);
  const client = check.ok ? await findClient(deps.db, check.session.subject.id) : undefined;
  if (!check.ok || client === undefined || client.status !== 'active') {
    if (check.ok) await endClientSession(deps, request, token, check.session.subject.id, 'disabled');
    else if (check.reason === 'idle' || check.reason === 'expired') await auditEnd(deps, request, check.subject.id, check.reason);
    reply.clearCookie(cookie.name, cookie.options);
    return undefined;
  }
  return { token, session: check.session, client };
}

/** Ends one client session on the server and audits it (logout, file found disabled). */
export async function endClientSession(deps: WebDeps, request: FastifyRequest, token: string, identifiant: string, reason: string): Promise<void> {
  if (await endSession(deps.db, deps.clock, token, reason)) await auditEnd(deps, request, identifiant, reason);
}

function auditEnd(deps: WebDeps, request: FastifyRequest, identifiant: string, reason: string): Promise<void> {
  return recordAudit(deps.audit, { type: 'session.ended', identifiant, reason }, clientMeta(request));
}

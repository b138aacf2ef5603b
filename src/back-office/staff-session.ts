/**
 * The signed-in staff member of a request: the staff session cookie, checked against the session
 * store, and the account still active (a disabled member is out at the next request).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, endSession, validateSession } from '../sessions/session-store.js';
import type { BackOfficeContext } from './back-office-context.js';
import { findStaffRow, toMember, type StaffMember } from './staff/staff-repository.js';

export interface StaffSession {
  readonly member: StaffMember;
  readonly token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffSession | null;
  }
}

export async function readStaffSession(ctx: BackOfficeContext, request: FastifyRequest): Promise<StaffSession | null> {
  const token = request.cookies[ctx.cookie.name];
  if (token === undefined) return null;
  const check = await validateSession(ctx.db, ctx.clock, 'staff', token, ctx.policy);
  if (!check.ok) return null;
  const row = await findStaffRow(ctx.db, Number(check.session.subject.id));
  if (!row || row.status !== 'active') return null;
  return { member: toMember(row), token };
}

export async function startStaffSession(ctx: BackOfficeContext, request: FastifyRequest, reply: FastifyReply, member: StaffMember): Promise<void> {
  const { token } = await createSession(ctx.db, ctx.clock, { kind: 'staff', id: String(member.id) }, ctx.policy, {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  reply.setCookie(ctx.cookie.name, token, { ...ctx.cookie.options, maxAge: Math.floor(ctx.policy.absoluteTimeoutMs / 1000) });
}

export async function endStaffSession(ctx: BackOfficeContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.staff) await endSession(ctx.db, ctx.clock, request.staff.token, 'logout');
  reply.clearCookie(ctx.cookie.name, ctx.cookie.options);
}

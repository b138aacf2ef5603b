/**
 * The back-office's one access check, run before every /admin handler (and before CSRF checks):
 * - a route missing from `route-access.ts` is refused (and cannot even be registered, see the plugin);
 * - a public route just learns who is signed in, if anyone;
 * - without a staff session, a GET is sent to the sign-in page and anything else gets 403;
 * - a role below the route's minimum gets the 403 page, and the refusal goes to the audit log
 *   (ASVS 16.3.2: a member probing beyond their role shows up under their name).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BackOfficeContext } from './back-office-context.js';
import { accessOf } from './route-access.js';
import { auditStaff } from './staff-audit.js';
import { readStaffSession } from './staff-session.js';
import { hasRole } from './staff/staff-roles.js';
import { sendForbidden } from './views/error-page.js';

export function staffGuard(ctx: BackOfficeContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const url = request.routeOptions.url;
    if (url === undefined) return; // no route matched: the 404 page follows
    const access = accessOf(request.method, url);
    if (access === undefined) return sendForbidden(request, reply);
    request.staff = await readStaffSession(ctx, request);
    if (access === 'public') return;
    if (!request.staff) return request.method === 'GET' || request.method === 'HEAD' ? reply.redirect('/admin', 303) : sendForbidden(request, reply);
    if (!hasRole(request.staff.member.role, access)) {
      await auditStaff(ctx, request, 'access.refused', { detail: { route: `${request.method} ${url}` } });
      return sendForbidden(request, reply);
    }
  };
}

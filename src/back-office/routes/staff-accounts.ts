/** GET/POST /admin/staff and POST /admin/staff/:id/disable — administrators manage staff accounts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseEmail } from '../../clients/client-fields.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { asSentence, formText, queryText } from '../form-body.js';
import { addStaff, disableStaff, listStaff, setupPath } from '../staff/staff-repository.js';
import { auditStaff } from '../staff-audit.js';
import { isStaffRole } from '../staff/staff-roles.js';
import { sendNotFound } from '../views/error-page.js';
import { sendPage, textsOf } from '../views/page.js';
import { staffBody, type StaffView } from '../views/staff-page.js';

export function staffAccountRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, view: Partial<StaffView>, status = 200) => {
    const t = textsOf(request).backOffice;
    const members = await listStaff(ctx.db);
    const body = staffBody(t, { members, selfId: request.staff?.member.id ?? -1, csrf: reply.generateCsrf(), ...view });
    return sendPage(request, reply, { status, title: t.staff.title, body });
  };

  app.get('/staff', async (request, reply) => {
    const t = textsOf(request).backOffice.staff;
    const done = queryText(request.query, 'done');
    return show(request, reply, { info: done === 'disabled' ? t.disabledDone : done === 'self' ? t.self : undefined });
  });

  app.post('/staff', { preHandler: app.csrfProtection }, async (request, reply) => {
    const t = textsOf(request).backOffice.staff;
    const rawEmail = formText(request.body, 'email');
    const role = formText(request.body, 'role');
    const email = parseEmail(rawEmail);
    if (!email.ok || !isStaffRole(role)) {
      const emailError = email.ok ? undefined : asSentence(email.reason);
      return show(request, reply, { email: rawEmail, role, emailError }, 400);
    }
    const added = await addStaff(ctx.db, ctx.clock, email.value, role);
    if (!added.ok) return show(request, reply, { email: rawEmail, role, emailError: t.emailTaken }, 409);
    await auditStaff(ctx, request, 'staff-add', { detail: { memberId: added.member.id, role } });
    return show(request, reply, { setupLink: new URL(setupPath(added.setupToken), ctx.publicUrl).href }, 201);
  });

  app.post<{ Params: { id: string } }>('/staff/:id/disable', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return sendNotFound(request, reply);
    if (id === request.staff?.member.id) return reply.redirect('/admin/staff?done=self', 303);
    await disableStaff(ctx.db, ctx.clock, id);
    await auditStaff(ctx, request, 'staff-disable', { detail: { memberId: id } });
    return reply.redirect('/admin/staff?done=disabled', 303);
  });
}

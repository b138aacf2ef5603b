/** GET /admin (sign-in page, or the client list when signed in), POST /admin/login, POST /admin/logout. */
import type { FastifyInstance } from 'fastify';
import type { BackOfficeContext } from '../back-office-context.js';
import { formText, queryText } from '../form-body.js';
import { endStaffSession, startStaffSession } from '../staff-session.js';
import { signInStaff } from '../staff/staff-sign-in.js';
import { sendPage, textsOf } from '../views/page.js';
import { signInBody } from '../views/sign-in-page.js';

export function signInRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/', async (request, reply) => {
    if (request.staff) return reply.redirect('/admin/clients', 303);
    const t = textsOf(request).backOffice;
    const done = queryText(request.query, 'done');
    const info = done === 'ready' ? t.signIn.ready : done === 'logout' ? t.signIn.loggedOut : undefined;
    return sendPage(request, reply, { title: t.signIn.title, body: signInBody(t, { csrf: reply.generateCsrf(), info }) });
  });

  app.post('/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = { email: formText(request.body, 'email'), password: formText(request.body, 'password'), code: formText(request.body, 'code') };
    const t = textsOf(request).backOffice;
    const tooLong = form.email.length > 320 || form.password.length > 128 || form.code.length > 16;
    const result = tooLong ? ({ ok: false, reason: 'invalid' } as const) : await signInStaff(ctx, form);
    if (!result.ok) {
      const error = result.reason === 'enrolment-required' ? t.signIn.enrolmentRequired : t.signIn.invalid;
      const body = signInBody(t, { csrf: reply.generateCsrf(), email: form.email.slice(0, 320), error });
      return sendPage(request, reply, { status: 401, title: t.signIn.title, body });
    }
    await startStaffSession(ctx, request, reply, result.member);
    return reply.redirect('/admin/clients', 303);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await endStaffSession(ctx, request, reply);
    return reply.redirect('/admin?done=logout', 303);
  });
}

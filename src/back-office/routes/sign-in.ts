/** GET /admin (sign-in page, or the client list when signed in), POST /admin/login, POST /admin/logout. */
import type { FastifyInstance } from 'fastify';
import type { BackOfficeContext } from '../back-office-context.js';
import { formText, queryText } from '../form-body.js';
import { endStaffSession, startStaffSession } from '../staff-session.js';
import { recordFailure, recordSuccess } from '../../login/account-lock.js';
import { fill } from '../../texts/fill.js';
import { staffLockKey } from '../staff/staff-lock-key.js';
import { signInStaff } from '../staff/staff-sign-in.js';
import { shortDate } from '../views/staff-dates.js';
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

  // Throttle (per IP, shared with the clients' login) → parse → lock (counted before verifying) → verify.
  app.post('/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const t = textsOf(request).backOffice;
    const refuse = (status: number, error: string, email = '') =>
      sendPage(request, reply, { status, title: t.signIn.title, body: signInBody(t, { csrf: reply.generateCsrf(), email: email.slice(0, 320), error }) });
    const throttle = await ctx.loginPerIp.consume(request.ip);
    if (!throttle.allowed) {
      reply.header('retry-after', String(Math.ceil(throttle.retryAfterMs / 1000)));
      return refuse(429, fill(t.signIn.limited, { date: shortDate(t, ctx.clock.now() + throttle.retryAfterMs, ctx.timeZone) }));
    }
    const form = { email: formText(request.body, 'email'), password: formText(request.body, 'password'), code: formText(request.body, 'code') };
    const tooLong = form.email.length > 320 || form.password.length > 128 || form.code.length > 16;
    const lockKey = staffLockKey(form.email.slice(0, 320));
    const attempt = await recordFailure(ctx.db, ctx.clock, lockKey, ctx.lock);
    if (!attempt.counted && attempt.lock.locked) return refuse(429, t.signIn.locked, form.email);
    const result = tooLong ? ({ ok: false, reason: 'invalid' } as const) : await signInStaff(ctx, form);
    if (!result.ok) return refuse(401, result.reason === 'enrolment-required' ? t.signIn.enrolmentRequired : t.signIn.invalid, form.email);
    await recordSuccess(ctx.db, lockKey);
    await startStaffSession(ctx, request, reply, result.member);
    return reply.redirect('/admin/clients', 303);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await endStaffSession(ctx, request, reply);
    return reply.redirect('/admin?done=logout', 303);
  });
}

/** GET/POST /admin/setup/:token — the one-time link a new staff member receives. */
import type { FastifyInstance } from 'fastify';
import { html } from '../../web/html.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { formText } from '../form-body.js';
import { completeSetup, openSetup } from '../staff/staff-setup.js';
import { sendPage, textsOf } from '../views/page.js';
import { setupBody } from '../views/setup-page.js';

type TokenParams = { Params: { token: string } };

export function setupRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get<TokenParams>('/setup/:token', async (request, reply) => {
    const t = textsOf(request).backOffice;
    const view = await openSetup(ctx.db, ctx.clock, request.params.token, ctx.totpRequired);
    if (!view) return sendPage(request, reply, { status: 404, title: t.setup.title, body: html`<p role="alert">${t.setup.invalidLink}</p>` });
    return sendPage(request, reply, { title: t.setup.title, body: setupBody(t, view, request.url, reply.generateCsrf()) });
  });

  app.post<TokenParams>('/setup/:token', { preHandler: app.csrfProtection }, async (request, reply) => {
    const t = textsOf(request).backOffice;
    const { token } = request.params;
    const form = { password: formText(request.body, 'password'), confirmation: formText(request.body, 'confirmation'), code: formText(request.body, 'code') };
    const result = await completeSetup(ctx, token, form);
    if (result.ok) return reply.redirect('/admin?done=ready', 303);
    const view = result.reason === 'invalid-link' ? undefined : await openSetup(ctx.db, ctx.clock, token, ctx.totpRequired);
    if (!view) return sendPage(request, reply, { status: 404, title: t.setup.title, body: html`<p role="alert">${t.setup.invalidLink}</p>` });
    return sendPage(request, reply, { status: 400, title: t.setup.title, body: setupBody(t, view, request.url, reply.generateCsrf(), result.reason) });
  });
}

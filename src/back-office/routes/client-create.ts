/** GET /admin/clients/new and POST /admin/clients: a new client file, identifiant given or drawn. */
import type { FastifyInstance } from 'fastify';
import { createClient } from '../../clients/client-repository.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { auditStaff } from '../staff-audit.js';
import { parseClientForm } from '../clients/client-form.js';
import { newClientBody } from '../views/client-form-page.js';
import { sendPage, textsOf } from '../views/page.js';

const EMPTY = { identifiant: '', civility: '', name: '', email: '' };

export function clientCreateRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/clients/new', async (request, reply) => {
    const t = textsOf(request).backOffice;
    return sendPage(request, reply, { title: t.clientForm.newTitle, body: newClientBody(t, reply.generateCsrf(), EMPTY) });
  });

  app.post('/clients', { preHandler: app.csrfProtection }, async (request, reply) => {
    const t = textsOf(request).backOffice;
    const form = parseClientForm(request.body, true);
    if (!form.ok) {
      return sendPage(request, reply, { status: 400, title: t.clientForm.newTitle, body: newClientBody(t, reply.generateCsrf(), form.values, form.errors) });
    }
    const created = await createClient(ctx.db, ctx.clock, form.fields, form.identifiant);
    if (!created.ok) {
      const body = newClientBody(t, reply.generateCsrf(), form.values, { identifiant: t.clientForm.identifiantTaken });
      return sendPage(request, reply, { status: 409, title: t.clientForm.newTitle, body });
    }
    await auditStaff(ctx, request, 'client-create', { identifiant: created.client.identifiant });
    return reply.redirect(`/admin/clients/${created.client.identifiant}?done=created`, 303);
  });
}

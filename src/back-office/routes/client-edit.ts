/**
 * GET/POST /admin/clients/:identifiant (civility, name, email; never the identifiant),
 * POST …/status (disable ends the client's sessions; enable), POST …/end-sessions (Service IT).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIdentifiant } from '../../clients/identifiant.js';
import { findClient, updateClient, type ClientFile } from '../../clients/client-repository.js';
import { endSessionsOf } from '../../sessions/session-store.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { parseClientForm } from '../clients/client-form.js';
import { onAddressChange } from '../clients/email-change.js';
import { formText, queryText } from '../form-body.js';
import { auditStaff } from '../staff-audit.js';
import { hasRole } from '../staff/staff-roles.js';
import { editClientBody, type EditView } from '../views/client-form-page.js';
import { sendBadRequest, sendNotFound } from '../views/error-page.js';
import { sendPage, textsOf } from '../views/page.js';

type ClientParams = { Params: { identifiant: string } };

export function clientEditRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  const load = async (request: FastifyRequest<ClientParams>): Promise<ClientFile | undefined> =>
    isIdentifiant(request.params.identifiant) ? findClient(ctx.db, request.params.identifiant) : undefined;

  const show = (request: FastifyRequest, reply: FastifyReply, view: Omit<EditView, 'canEndSessions'>, status = 200) => {
    const t = textsOf(request).backOffice;
    const canEndSessions = request.staff !== null && hasRole(request.staff.member.role, 'it');
    return sendPage(request, reply, { status, title: t.clientForm.editTitle, body: editClientBody(t, reply.generateCsrf(), { ...view, canEndSessions }) });
  };

  app.get<ClientParams>('/clients/:identifiant', async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const t = textsOf(request).backOffice.clientForm;
    const done = queryText(request.query, 'done');
    const ended = queryText(request.query, 'ended');
    const info = { created: t.created, saved: t.saved, unchanged: t.unchanged }[done] ?? (/^\d+$/.test(ended) ? `${t.sessionsEnded} ${ended}` : undefined);
    const values = { identifiant: client.identifiant, civility: client.civility ?? '', name: client.name, email: client.email };
    return show(request, reply, { client, values, info });
  });

  app.post<ClientParams>('/clients/:identifiant', { preHandler: app.csrfProtection }, async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const form = parseClientForm(request.body, false);
    if (!form.ok) return show(request, reply, { client, values: form.values, errors: form.errors }, 400);
    const result = await updateClient(ctx.db, ctx.clock, client.identifiant, form.fields, onAddressChange(ctx.emailChanged));
    if (!result.ok) return sendNotFound(request, reply);
    if (result.changed) {
      const fields = (['civility', 'name', 'email'] as const).filter((k) => result.before[k] !== result.client[k]);
      await auditStaff(ctx, request, 'client-edit', { identifiant: client.identifiant, detail: { fields } });
    }
    return reply.redirect(`/admin/clients/${client.identifiant}?done=${result.changed ? 'saved' : 'unchanged'}`, 303);
  });

  app.post<ClientParams>('/clients/:identifiant/status', { preHandler: app.csrfProtection }, async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const status = formText(request.body, 'status');
    if (status !== 'active' && status !== 'disabled') return sendBadRequest(request, reply, 400);
    await updateClient(ctx.db, ctx.clock, client.identifiant, { status });
    const ended = status === 'disabled' ? await endSessionsOf(ctx.db, ctx.clock, { kind: 'client', id: client.identifiant }, 'client-disabled') : 0;
    await auditStaff(ctx, request, status === 'disabled' ? 'client-disable' : 'client-enable', { identifiant: client.identifiant, detail: { sessionsEnded: ended } });
    return reply.redirect(`/admin/clients/${client.identifiant}?done=saved`, 303);
  });

  app.post<ClientParams>('/clients/:identifiant/end-sessions', { preHandler: app.csrfProtection }, async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const ended = await endSessionsOf(ctx.db, ctx.clock, { kind: 'client', id: client.identifiant }, 'ended-by-staff');
    await auditStaff(ctx, request, 'end-sessions', { identifiant: client.identifiant, detail: { sessionsEnded: ended } });
    return reply.redirect(`/admin/clients/${client.identifiant}?ended=${ended}`, 303);
  });
}

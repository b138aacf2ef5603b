/**
 * The Service IT's side of a client file: GET …/diagnostic (diagnosis and timeline), POST …/unlock
 * (lifts a login lock) and POST …/new-password (the client's own ENVOYER, on their behalf: new
 * passwords for every file at the address, one mail). Each action is audited with the member's id.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findClient, type ClientFile } from '../../clients/client-repository.js';
import { isIdentifiant } from '../../clients/identifiant.js';
import { checkLock, clearLock } from '../../login/account-lock.js';
import { findMail } from '../../mail/outbox-status.js';
import { fill } from '../../texts/fill.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { queryText } from '../form-body.js';
import { diagnose } from '../it/client-diagnosis.js';
import { loadClientHistory } from '../it/client-history.js';
import { auditStaff } from '../staff-audit.js';
import { diagnosticBody } from '../views/diagnostic-page.js';
import { sendNotFound } from '../views/error-page.js';
import { sendPage, textsOf } from '../views/page.js';

type ClientParams = { Params: { identifiant: string } };

export function clientDiagnosticRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  const load = async (request: FastifyRequest<ClientParams>): Promise<ClientFile | undefined> =>
    isIdentifiant(request.params.identifiant) ? findClient(ctx.db, request.params.identifiant) : undefined;

  app.get<ClientParams>('/clients/:identifiant/diagnostic', async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const t = textsOf(request).backOffice;
    const it = t.it.diagnostic;
    const done = queryText(request.query, 'done');
    const sequence = queryText(request.query, 'sequence', 10);
    const info = { unlocked: it.unlocked, 'not-locked': it.notLocked, refused: it.resendRefused, resent: fill(it.resent, { sequence }) }[done];
    const history = await loadClientHistory(ctx.db, client);
    const findings = diagnose(history, ctx.clock.now());
    return sendPage(request, reply, { title: it.title, body: diagnosticBody(t, { history, findings, timeZone: ctx.timeZone, csrf: reply.generateCsrf(), info }) });
  });

  app.post<ClientParams>('/clients/:identifiant/unlock', { preHandler: app.csrfProtection }, async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const lock = await checkLock(ctx.db, ctx.clock, client.identifiant);
    await clearLock(ctx.db, client.identifiant);
    await auditStaff(ctx, request, 'unlock', { identifiant: client.identifiant, detail: { wasLocked: lock.locked } });
    return reply.redirect(`/admin/clients/${client.identifiant}/diagnostic?done=${lock.locked ? 'unlocked' : 'not-locked'}`, 303);
  });

  app.post<ClientParams>('/clients/:identifiant/new-password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const client = await load(request);
    if (!client) return sendNotFound(request, reply);
    const meta = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
    const outcome = await ctx.requestActivation(client.email, textsOf(request), meta);
    const base = `/admin/clients/${client.identifiant}/diagnostic`;
    if (outcome.kind !== 'sent') {
      await auditStaff(ctx, request, 'new-password', { identifiant: client.identifiant, detail: { outcome: outcome.kind } });
      return reply.redirect(`${base}?done=refused`, 303);
    }
    await auditStaff(ctx, request, 'new-password', { identifiant: client.identifiant, detail: { outcome: 'sent', mailId: outcome.mailId, identifiants: outcome.identifiants } });
    const mail = await findMail(ctx.db, outcome.mailId);
    return reply.redirect(`${base}?done=resent&sequence=${mail?.sequence ?? ''}`, 303);
  });
}

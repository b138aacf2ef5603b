/**
 * GET /admin/mail-queue (Service IT): mails queued, being retried or failed, and the age of the
 * oldest one not sent. POST /admin/mail-queue/:id/retry:
 * - a queued or retrying mail becomes due now (its sealed content is still there);
 * - a failed credentials mail has had its content wiped (clear passwords are not kept), so it cannot
 *   be sent again: « renvoyer » asks for a new activation of the address instead (new passwords,
 *   a new mail) — the same flow as the client's ENVOYER — as long as no newer mail went to the
 *   address since (a second click, or the client pressed ENVOYER meanwhile);
 * - anything else (sent, superseded, a failed notice) is left alone.
 */
import type { FastifyInstance } from 'fastify';
import { outboxStats } from '../../mail/outbox-status.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { queryText } from '../form-body.js';
import { auditStaff } from '../staff-audit.js';
import { sendNotFound } from '../views/error-page.js';
import { mailQueueBody } from '../views/mail-queue-page.js';
import { sendPage, textsOf } from '../views/page.js';

const LIMIT = 200;

export function mailQueueRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/mail-queue', async (request, reply) => {
    const t = textsOf(request).backOffice;
    const rows = await ctx.db
      .selectFrom('mail')
      .select(['id', 'recipient', 'kind', 'sequence', 'status', 'attempts', 'last_error', 'next_attempt_at', 'created_at'])
      .where('status', 'in', ['queued', 'sending', 'retrying', 'failed'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute();
    const stats = await outboxStats(ctx.db, ctx.clock);
    const done = queryText(request.query, 'done');
    const info = { retried: t.it.queue.retried, resent: t.it.queue.resent, nothing: t.it.queue.nothing }[done];
    const mails = rows.map((r) => ({ ...r, id: Number(r.id), next_attempt_at: Number(r.next_attempt_at) }));
    const body = mailQueueBody(t, { mails, oldestAgeMs: stats.oldestQueuedAgeMs, timeZone: ctx.timeZone, csrf: reply.generateCsrf(), info });
    return sendPage(request, reply, { title: t.it.queue.title, body });
  });

  app.post<{ Params: { id: string } }>('/mail-queue/:id/retry', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return sendNotFound(request, reply);
    const mail = await ctx.db.selectFrom('mail').select(['id', 'kind', 'status', 'recipient', 'recipient_normalized']).where('id', '=', id).executeTakeFirst();
    if (!mail) return sendNotFound(request, reply);
    if (mail.status === 'queued' || mail.status === 'retrying') {
      await ctx.db
        .updateTable('mail')
        .set({ next_attempt_at: ctx.clock.now(), updated_at: ctx.clock.now() })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'retrying'])
        .execute();
      await auditStaff(ctx, request, 'mail-retry', { detail: { mailId: id } });
      return reply.redirect('/admin/mail-queue?done=retried', 303);
    }
    const newer = await ctx.db
      .selectFrom('mail')
      .select('id')
      .where('recipient_normalized', '=', mail.recipient_normalized)
      .where('kind', '=', 'credentials')
      .where('id', '>', id)
      .executeTakeFirst();
    if (mail.status === 'failed' && mail.kind === 'credentials' && newer === undefined) {
      const meta = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
      const outcome = await ctx.requestActivation(mail.recipient, textsOf(request), meta);
      const identifiants = outcome.kind === 'sent' ? outcome.identifiants : [];
      await auditStaff(ctx, request, 'mail-resend', { detail: { mailId: id, outcome: outcome.kind, identifiants } });
      return reply.redirect(`/admin/mail-queue?done=${outcome.kind === 'sent' ? 'resent' : 'nothing'}`, 303);
    }
    return reply.redirect('/admin/mail-queue?done=nothing', 303);
  });
}

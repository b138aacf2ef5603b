/** GET /admin/audit (administrators): the audit log, filtered by staff member, client and days, paged newest first. */
import type { FastifyInstance } from 'fastify';
import { queryAudit } from '../../audit/audit-query.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { parseAuditFilter } from '../it/audit-filter.js';
import { auditBody } from '../views/audit-page.js';
import { sendPage, textsOf } from '../views/page.js';

const PAGE_SIZE = 50;

export function auditRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/audit', async (request, reply) => {
    const t = textsOf(request).backOffice;
    const parsed = parseAuditFilter(request.query, ctx.timeZone, PAGE_SIZE);
    if (!parsed.ok) {
      const body = auditBody(t, { form: parsed.form, invalid: parsed.field, page: { events: [], next: null }, timeZone: ctx.timeZone });
      return sendPage(request, reply, { status: 400, title: t.it.audit.title, body });
    }
    const page = await queryAudit(ctx.db, parsed.filter);
    return sendPage(request, reply, { title: t.it.audit.title, body: auditBody(t, { form: parsed.form, page, timeZone: ctx.timeZone }) });
  });
}

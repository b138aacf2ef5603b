/**
 * GET/POST /admin/import: the CSV import in the browser. The file's content is pasted in a
 * textarea (no multipart upload: nothing to store, nothing to install, works without JavaScript).
 * « Vérifier » runs `importClients` as a dry run and shows the CLI's report; « Confirmer » runs it
 * for real, with the same rules (all or nothing unless the box is ticked), and is audited.
 */
import type { FastifyInstance } from 'fastify';
import { importClients } from '../../clients/client-import.js';
import { importReportLines, rejectedRowsLines, type ReportLine } from '../../clients/import-report-text.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { formText } from '../form-body.js';
import { auditStaff } from '../staff-audit.js';
import { importBody } from '../views/import-page.js';
import { sendPage, textsOf } from '../views/page.js';

/** Pasted CSV: generous for a firm's export, bounded so a paste cannot exhaust memory. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export function clientImportRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/import', async (request, reply) => {
    const t = textsOf(request).backOffice;
    return sendPage(request, reply, { title: t.it.import.title, body: importBody(t, { csrf: reply.generateCsrf(), csv: '', skipInvalid: false }) });
  });

  app.post('/import', { bodyLimit: IMPORT_BODY_LIMIT, preHandler: app.csrfProtection }, async (request, reply) => {
    const t = textsOf(request).backOffice;
    const csv = formText(request.body, 'csv');
    const skipInvalid = formText(request.body, 'skipInvalid') === 'on';
    const confirm = formText(request.body, 'step') === 'confirm';
    const view = { csrf: reply.generateCsrf(), csv, skipInvalid };
    const show = (status: number, lines: readonly ReportLine[], extra: { info?: string; checked?: boolean } = {}) =>
      sendPage(request, reply, { status, title: t.it.import.title, body: importBody(t, { ...view, lines, ...extra }) });
    if (csv.trim() === '') return show(400, [{ text: t.it.import.empty, problem: true }]);

    const outcome = await importClients(ctx.db, ctx.clock, Buffer.from(csv, 'utf8'), { dryRun: !confirm, skipInvalid });
    if (!outcome.ok && outcome.reason === 'unreadable') return show(400, [{ text: outcome.message, problem: true }]);
    if (!outcome.ok) return show(400, rejectedRowsLines(outcome.rejected, outcome.valid, `corrigez le fichier, ou cochez « ${t.it.import.skipInvalid} »`));
    const lines = importReportLines(outcome.report, t.it.import.checked);
    if (!confirm) return show(200, lines, { checked: true });
    const { created, updated, unchanged } = outcome.report;
    await auditStaff(ctx, request, 'import', { detail: { created, updated, unchanged, rejected: outcome.report.rejected.length } });
    return show(200, lines, { info: t.it.import.done });
  });
}

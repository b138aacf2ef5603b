/** GET /admin/clients (search and pages) and GET /admin/clients/export.csv (every file, streamed). */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { clientsCsv } from '../../clients/client-csv-export.js';
import { allClients, searchClients } from '../../clients/client-search.js';
import type { BackOfficeContext } from '../back-office-context.js';
import { queryText } from '../form-body.js';
import { auditStaff } from '../staff-audit.js';
import { clientListBody } from '../views/client-list-page.js';
import { sendPage, textsOf } from '../views/page.js';

const PAGE_SIZE = 50;

export function clientListRoutes(app: FastifyInstance, ctx: BackOfficeContext): void {
  app.get('/clients', async (request, reply) => {
    const t = textsOf(request).backOffice;
    const query = queryText(request.query, 'q');
    const after = queryText(request.query, 'after', 300);
    const page = await searchClients(ctx.db, { query, after: after === '' ? undefined : after, limit: PAGE_SIZE });
    return sendPage(request, reply, { title: t.clients.title, body: clientListBody(t, query, page, after) });
  });

  app.get('/clients/export.csv', async (request, reply) => {
    await auditStaff(ctx, request, 'client-export');
    const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="egec-clients-${day}.csv"`)
      .send(Readable.from(clientsCsv(allClients(ctx.db))));
  });
}

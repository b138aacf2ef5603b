/** GET / : the memo's « Identification » panel. */
import type { FastifyInstance } from 'fastify';
import { requestTexts } from '../locale.js';
import { sendPage } from '../page-reply.js';
import { identificationPage } from '../views/identification-page.js';

export function identificationRoutes(app: FastifyInstance): void {
  app.get('/', async (request, reply) => {
    const texts = requestTexts(request, reply);
    return sendPage(reply, identificationPage({ texts, csrfToken: reply.generateCsrf() }));
  });
}

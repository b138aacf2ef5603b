/** GET /espace (the client space) and POST /logout (ends the session on the server, not just the cookie). */
import type { FastifyInstance } from 'fastify';
import { previousLoginAt } from '../../sessions/session-store.js';
import { clientCookie, currentClient, endClientSession } from '../client-session.js';
import { requestTexts } from '../locale.js';
import { seeOther, sendPage } from '../page-reply.js';
import { clientSpacePage } from '../views/client-space-page.js';
import type { WebDeps } from '../web-deps.js';

export function clientSpaceRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.get('/espace', async (request, reply) => {
    const texts = requestTexts(request, reply);
    const current = await currentClient(deps, request, reply);
    if (current === undefined) return seeOther(reply, '/');
    return sendPage(
      reply,
      clientSpacePage({
        texts,
        csrfToken: reply.generateCsrf(),
        client: current.client,
        previousLoginAt: await previousLoginAt(deps.db, current.session),
        timeZone: deps.config.timeZone,
      }),
    );
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const current = await currentClient(deps, request, reply);
    if (current !== undefined) await endClientSession(deps, request, current.token, current.client.identifiant, 'logout');
    const cookie = clientCookie(deps);
    reply.clearCookie(cookie.name, cookie.options);
    return seeOther(reply, '/');
  });
}

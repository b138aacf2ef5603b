/**
 * GET /boite-aux-lettres[/:id] : the built-in mailbox, registered only when no SMTP server is
 * configured. Its mails hold clear passwords, so it answers loopback clients only (403 for any
 * other address), whatever address the server listens on; a request relayed by a reverse proxy on
 * this machine comes from loopback too, so one carrying forwarding headers is refused as well.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listMailbox, readMailboxMessage } from '../../mail/transports/mailbox-transport.js';
import { requestTexts } from '../locale.js';
import { sendPage } from '../page-reply.js';
import { errorPage } from '../views/error-page.js';
import { MAILBOX_PATH, mailboxListPage, mailboxMessagePage } from '../views/mailbox-page.js';
import type { WebDeps } from '../web-deps.js';

function fromThisMachine(request: FastifyRequest): boolean {
  const ip = request.ip;
  const loopback = /^127\./.test(ip) || ip === '::1' || /^::ffff:127\./i.test(ip);
  return loopback && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
}

export function mailboxRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { dataDir, timeZone } = deps.config;
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!fromThisMachine(request)) {
        const texts = requestTexts(request, reply);
        return sendPage(reply, errorPage(texts, texts.errors.forbidden), 403);
      }
    });
    scope.get(MAILBOX_PATH, async (request, reply) => {
      const texts = requestTexts(request, reply);
      return sendPage(reply, mailboxListPage(texts, timeZone, await listMailbox(dataDir)));
    });
    scope.get<{ Params: { id: string } }>(`${MAILBOX_PATH}/:id`, async (request, reply) => {
      const texts = requestTexts(request, reply);
      const mail = await readMailboxMessage(dataDir, request.params.id);
      if (mail === null) return sendPage(reply, errorPage(texts, texts.errors.notFound), 404);
      return sendPage(reply, mailboxMessagePage(texts, timeZone, mail));
    });
  });
}

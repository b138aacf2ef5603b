/**
 * GET /boite-aux-lettres[/:id] : the built-in mailbox, registered only when no SMTP server is
 * configured. Its mails hold clear passwords, so it answers loopback clients only (403 for any
 * other address), whatever address the server listens on.
 */
import type { FastifyInstance } from 'fastify';
import { listMailbox, readMailboxMessage } from '../../mail/transports/mailbox-transport.js';
import { requestTexts } from '../locale.js';
import { sendPage } from '../page-reply.js';
import { errorPage } from '../views/error-page.js';
import { MAILBOX_PATH, mailboxListPage, mailboxMessagePage } from '../views/mailbox-page.js';
import type { WebDeps } from '../web-deps.js';

export function isLoopback(ip: string): boolean {
  return /^127\./.test(ip) || ip === '::1' || /^::ffff:127\./i.test(ip);
}

export function mailboxRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { dataDir, timeZone } = deps.config;
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!isLoopback(request.ip)) {
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

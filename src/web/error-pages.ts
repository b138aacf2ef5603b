/**
 * Errors as pages: an expired form (CSRF), a malformed request or an unknown address get a short
 * message in the page's language and a way back; anything unexpected is logged and answered with
 * a generic 500 page. Never a stack trace, never Fastify's JSON.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { requestTexts } from './locale.js';
import { sendPage } from './page-reply.js';
import { errorPage } from './views/error-page.js';

export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    const texts = requestTexts(request, reply);
    return sendPage(reply, errorPage(texts, texts.errors.notFound), 404);
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const texts = requestTexts(request, reply);
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'erreur inattendue');
      return sendPage(reply, errorPage(texts, texts.errors.unexpected), 500);
    }
    const expired = error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
    return sendPage(reply, errorPage(texts, expired ? texts.errors.expired : texts.errors.badRequest), status);
  });
}

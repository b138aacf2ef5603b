/**
 * Sends a rendered page. Pages may show an identifiant, a masked email, or a form's CSRF token:
 * no cache, no shared proxy, keeps any of them.
 */
import type { FastifyReply } from 'fastify';
import type { SafeHtml } from './html.js';

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}

/** POST-redirect-GET: 303 so the browser follows with a GET and a reload never resubmits. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}

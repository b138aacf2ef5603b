/** The back-office's refusal and error pages, in French first: 403, 404, other 4xx, 500 (never a stack trace). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../web/html.js';
import { sendPage, textsOf } from './page.js';

function errorPage(request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const back = textsOf(request).backOffice.errors.back;
  return sendPage(request, reply, { status, title, body: html`<p>${message}</p><p><a href="/admin">${back}</a></p>` });
}

export function sendForbidden(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = textsOf(request).backOffice.errors;
  return errorPage(request, reply, 403, t.forbiddenTitle, t.forbidden);
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = textsOf(request).backOffice.errors;
  return errorPage(request, reply, 404, t.notFoundTitle, t.notFound);
}

/** Any other 4xx (malformed form, body too large…), with its own status. */
export function sendBadRequest(request: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
  const t = textsOf(request).backOffice.errors;
  return errorPage(request, reply, status, t.badRequestTitle, t.badRequest);
}

export function sendServerError(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = textsOf(request).backOffice.errors;
  return errorPage(request, reply, 500, t.serverTitle, t.server);
}

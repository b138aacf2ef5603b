/**
 * Refuses state-changing requests sent by another site (CSRF defence in depth, ASVS V3.5.x),
 * before the CSRF token is even looked at:
 * - `Sec-Fetch-Site: cross-site` (every current browser sends it), or
 * - an `Origin` that is neither EGEC_PUBLIC_URL's origin nor the request's own scheme and host.
 * Requests with neither header (old browsers, curl, scripts) go on to the CSRF token check, which
 * remains the rule for every form. GET and HEAD never change state, so links from elsewhere work.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { escapeLogText } from '../logging.js';
import { pickLocale, textsFor } from '../texts/index.js';
import { html } from './html.js';
import { layout } from './views/layout.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerOriginCheck(app: FastifyInstance, publicUrl: URL): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!STATE_CHANGING.has(request.method) || isSameOrigin(request, publicUrl)) return;
    const { origin = '', 'sec-fetch-site': site = '' } = request.headers;
    request.log.warn({ origin: escapeLogText(origin), secFetchSite: escapeLogText(String(site)) }, 'cross-site request refused');
    const texts = textsFor(pickLocale(undefined, request.headers['accept-language']));
    const page = layout({
      texts,
      title: texts.security.refusedTitle,
      body: html`<h1>${texts.security.refusedTitle}</h1>
<p>${texts.security.crossSite}</p>`,
    });
    return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.toString());
  });
}

function isSameOrigin(request: FastifyRequest, publicUrl: URL): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const own = `${request.protocol}://${request.host}`;
  return origin === publicUrl.origin || (URL.canParse(own) && origin === new URL(own).origin);
}

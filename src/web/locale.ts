/**
 * Which catalogue a request is answered in: `?lang=` (the visible switch, then remembered in a
 * cookie for a year), the `lang` cookie, the browser's Accept-Language, French otherwise.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale, textsFor, type Texts } from '../texts/index.js';
import { brandedTexts } from './brand.js';

const LANG_COOKIE = 'lang';
const ONE_YEAR_S = 365 * 24 * 3600;

export function requestTexts(request: FastifyRequest, reply: FastifyReply): Texts {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const chosen = query.lang === 'fr' || query.lang === 'en' ? query.lang : undefined;
  if (chosen !== undefined) reply.setCookie(LANG_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S });
  const locale = pickLocale(chosen ?? request.cookies?.[LANG_COOKIE], request.headers['accept-language']);
  reply.header('content-language', locale).header('vary', 'Accept-Language, Cookie');
  return brandedTexts(textsFor(locale), request.brand);
}

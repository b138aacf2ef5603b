/**
 * Reading a submitted form. A browser sends each field once, as text; anything else (missing,
 * repeated, an object from a JSON body) is a malformed request, answered with a 400 page, never
 * passed on to the domain.
 */
import type { FastifyRequest } from 'fastify';
import type { ClientMeta } from '../sessions/session-store.js';

export type FormField = { ok: true; value: string } | { ok: false; reason: 'missing' | 'repeated' };

export function formField(body: unknown, name: string): FormField {
  if (typeof body !== 'object' || body === null) return { ok: false, reason: 'missing' };
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return { ok: true, value };
  if (Array.isArray(value)) return { ok: false, reason: 'repeated' };
  return { ok: false, reason: 'missing' };
}

/** Who sent a form: the address and browser, for sessions, throttling and the audit log. */
export function clientMeta(request: FastifyRequest): ClientMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

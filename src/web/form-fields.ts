/**
 * Reading one field of a submitted form. A browser sends each field once, as text; anything else
 * (missing, repeated, an object from a JSON body) is a malformed request, answered with a 400 page,
 * never passed on to the domain.
 */
export type FormField = { ok: true; value: string } | { ok: false; reason: 'missing' | 'repeated' };

export function formField(body: unknown, name: string): FormField {
  if (typeof body !== 'object' || body === null) return { ok: false, reason: 'missing' };
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return { ok: true, value };
  if (Array.isArray(value)) return { ok: false, reason: 'repeated' };
  return { ok: false, reason: 'missing' };
}

/**
 * Reads a urlencoded form field as text: missing, repeated or non-text values become ''. A value
 * holding a NUL is not text either: PostgreSQL refuses it in any text parameter, and nothing
 * stored can contain one.
 */
export function formText(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && !value.includes('\u0000') ? value : '';
}

/** A query-string parameter, bounded in length (longer is treated as absent). */
export function queryText(query: unknown, name: string, max = 320): string {
  const value = formText(query, name);
  return value.length > max ? '' : value;
}

/** A field reason from client-fields.ts (« courriel vide ») as a sentence for a form (« Courriel vide. »). */
export function asSentence(reason: string): string {
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}

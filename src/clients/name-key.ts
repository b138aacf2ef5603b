/**
 * The searchable form of a client name: accents removed, lower case, single spaces. Computed here
 * rather than in SQL so SQLite and PostgreSQL store the same key (`Lefèvre` → `lefevre`).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The smallest string above every string that starts with `prefix` (for an index range scan). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  const lastLength = last > 0xffff ? 2 : 1;
  return prefix.slice(0, prefix.length - lastLength) + String.fromCodePoint(last + 1);
}

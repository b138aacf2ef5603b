/**
 * Checks a DKIM-Signature (RFC 6376, relaxed/relaxed, rsa-sha256) against a known public key, so a
 * test proves the signature is valid, not merely present. No DNS: the key is the test's own.
 */
import { createHash, createVerify, type KeyObject } from 'node:crypto';

type Header = { name: string; raw: string };

function splitMessage(raw: Buffer): { headers: Header[]; body: string } {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const headers: Header[] = [];
  for (const line of text.slice(0, end).split('\r\n')) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last.raw += `\r\n${line}`;
    else headers.push({ name: line.slice(0, line.indexOf(':')), raw: line });
  }
  return { headers, body: text.slice(end + 4) };
}

function relaxedHeader(header: Header): string {
  const value = header.raw.slice(header.raw.indexOf(':') + 1);
  return `${header.name.trim().toLowerCase()}:${value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

export function verifyDkim(raw: Buffer, publicKey: KeyObject): { valid: boolean; reason: string } {
  const { headers, body } = splitMessage(raw);
  const signature = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (!signature) return { valid: false, reason: 'no DKIM-Signature' };
  const tags = new Map(
    relaxedHeader(signature)
      .slice('dkim-signature:'.length)
      .split(';')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '')
      .map((tag) => [tag.slice(0, tag.indexOf('=')).trim(), tag.slice(tag.indexOf('=') + 1).replace(/\s+/g, '')] as const),
  );
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') return { valid: false, reason: 'unsupported a= or c=' };
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
  if (bodyHash !== tags.get('bh')) return { valid: false, reason: 'body hash mismatch' };

  // Each name in h= takes the last not yet used header of that name (RFC 6376 §5.4.2).
  const pool = headers.filter((h) => h !== signature);
  const signed = (tags.get('h') ?? '').split(':').flatMap((name) => {
    const index = pool.map((h) => h.name.toLowerCase()).lastIndexOf(name.trim().toLowerCase());
    return index < 0 ? [] : pool.splice(index, 1).map(relaxedHeader);
  });
  const ownHeader = relaxedHeader(signature).replace(/(^|;)(\s*b=)[^;]*/, '$1$2');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(signed.map((h) => `${h}\r\n`).join('') + ownHeader, 'latin1');
  return verifier.verify(publicKey, tags.get('b') ?? '', 'base64')
    ? { valid: true, reason: 'ok' }
    : { valid: false, reason: 'signature mismatch' };
}

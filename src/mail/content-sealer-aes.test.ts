import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesSealer } from './content-sealer-aes.js';

const plain = JSON.stringify({ subject: 'eGEC', text: 'Mot de passe : Xk7#pQ2mZ' });

describe('AES-256-GCM content sealer', () => {
  const sealer = createAesSealer(randomBytes(32));

  it('opens what it sealed, and the sealed form hides the content', () => {
    const sealed = sealer.seal(plain);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Xk7#pQ2mZ');
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('Xk7#pQ2mZ');
    expect(sealer.open(sealed)).toBe(plain);
  });

  it('seals the same text differently each time (random IV)', () => {
    expect(sealer.seal(plain)).not.toBe(sealer.seal(plain));
  });

  it('returns null for any tampered byte', () => {
    const raw = Buffer.from(sealer.seal(plain).slice(3), 'base64url');
    for (const index of [0, 12, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[index] = bad[index]! ^ 1;
      expect(sealer.open(`v1.${bad.toString('base64url')}`)).toBeNull();
    }
    expect(sealer.open('v1.')).toBeNull();
    expect(sealer.open('v2.' + raw.toString('base64url'))).toBeNull();
  });

  it('returns null under another key', () => {
    expect(createAesSealer(randomBytes(32)).open(sealer.seal(plain))).toBeNull();
  });
});

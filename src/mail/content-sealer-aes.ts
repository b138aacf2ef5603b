/**
 * AES-256-GCM `ContentSealer`: confidentiality and integrity for queued mail content at rest.
 * Format: `v1.` + base64url(12-byte random IV ‖ 16-byte tag ‖ ciphertext). A tampered value or one
 * sealed under another key fails the tag check and opens as null, never as garbage.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { deriveSubkey } from '../secrets/secret-key.js';
import type { ContentSealer } from './content-sealer.js';

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds a sealed value to its use: outbox content cannot be replayed as another kind of sealed data.
const AAD = Buffer.from('egec outbox content');

/** A sealer keyed by the master key's `mail content v1` subkey. */
export function createAesSealer(masterKey: Buffer): ContentSealer {
  // A KeyObject, imported once rather than on every seal and open.
  const key = createSecretKey(deriveSubkey(masterKey, 'mail content v1'));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (!sealed.startsWith(VERSION)) return null;
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES)).setAAD(AAD);
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

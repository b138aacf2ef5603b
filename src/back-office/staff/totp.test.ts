import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, otpauthUri, totpCode } from './totp.js';

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits) → 287082 (6).
    const secret = Secret.fromUTF8('12345678901234567890').base32;
    expect(totpCode(secret, 59_000)).toBe('287082');
    expect(new TOTP({ secret: Secret.fromBase32(secret), digits: 8 }).generate({ timestamp: 59_000 })).toBe('94287082');
  });

  it('accepts the current step and one step either side, nothing further', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 26, 9, 32, 10);
    const step = Math.floor(now / 30_000);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 90_000), now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('describes the account in an otpauth:// URI for authenticator apps', () => {
    const secret = newTotpSecret();
    expect(otpauthUri(secret, 'it@cabinet.fr')).toBe(`otpauth://totp/eGEC:it%40cabinet.fr?issuer=eGEC&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
  });
});

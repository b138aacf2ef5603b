import { describe, expect, it } from 'vitest';
import { createArgon2Hasher, owaspArgon2Costs } from './argon2-hasher.js';

describe('argon2id hasher', () => {
  const hasher = createArgon2Hasher();

  it('writes argon2id hashes carrying the configured costs, OWASP by default', async () => {
    expect(owaspArgon2Costs).toEqual({ memoryKib: 19_456, timeCost: 2, parallelism: 1 });
    expect(await hasher.hash('fG69a*6jH')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const costly = createArgon2Hasher({ memoryKib: 32_768, timeCost: 3, parallelism: 2 });
    expect(await costly.hash('fG69a*6jH')).toMatch(/^\$argon2id\$v=19\$m=32768,t=3,p=2\$/);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('fG69a*6jH')).not.toBe(await hasher.hash('fG69a*6jH'));
  });

  it('verifies the right password only, case included', async () => {
    const stored = await hasher.hash('fG69a*6jH');
    expect(await hasher.verify(stored, 'fG69a*6jH')).toBe(true);
    expect(await hasher.verify(stored, 'Fg69A*6Jh')).toBe(false);
    expect(await hasher.verify(stored, 'fG69a*6jH ')).toBe(false);
    expect(await hasher.verify(stored, '')).toBe(false);
  });

  it('verifies a hash made with other costs (costs raised later)', async () => {
    const old = await createArgon2Hasher({ memoryKib: 19_456, timeCost: 3, parallelism: 1 }).hash('fG69a*6jH');
    expect(await hasher.verify(old, 'fG69a*6jH')).toBe(true);
  });

  it('answers false, without throwing, for a malformed stored hash', async () => {
    for (const stored of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$broken', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(await hasher.verify(stored, 'fG69a*6jH')).toBe(false);
    }
  });

  it('verifyUnknown is always false', async () => {
    expect(await hasher.verifyUnknown('fG69a*6jH')).toBe(false);
    expect(await hasher.verifyUnknown('')).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/databases.js';
import { deriveSubkey, loadMasterKey } from './secret-key.js';

const SECRET = 'une phrase secrète de plus de trente-deux caractères';

describe('master key', () => {
  it('creates secret.key with rights 0600 on first start and reuses it afterwards', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadMasterKey({ secret: undefined, dataDir });
    expect(first).toMatchObject({ ok: true, source: 'new-key-file' });
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadMasterKey({ secret: undefined, dataDir });
    expect(second).toMatchObject({ ok: true, source: 'key-file' });
    expect(first.ok && second.ok && first.key.equals(second.key)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['secret.key']);
  });

  it('gives each data folder its own random key', () => {
    const a = loadMasterKey({ secret: undefined, dataDir: tempDir() });
    const b = loadMasterKey({ secret: undefined, dataDir: tempDir() });
    expect(a.ok && b.ok && a.key.length === 32 && !a.key.equals(b.key)).toBe(true);
  });

  it('prefers EGEC_SECRET to the key file, and derives the same key from the same secret', () => {
    const dataDir = tempDir();
    const fromFile = loadMasterKey({ secret: undefined, dataDir });
    const fromSecret = loadMasterKey({ secret: SECRET, dataDir });
    const again = loadMasterKey({ secret: SECRET, dataDir: tempDir() });
    expect(fromSecret).toMatchObject({ ok: true, source: 'EGEC_SECRET' });
    if (!fromFile.ok || !fromSecret.ok || !again.ok) throw new Error('key expected');
    expect(fromSecret.key.equals(fromFile.key)).toBe(false);
    expect(fromSecret.key.equals(again.key)).toBe(true);
    expect(fromSecret.key.includes(Buffer.from(SECRET.slice(0, 8)))).toBe(false);
  });

  it('refuses a key file readable by others, and a damaged one, with a French reason', () => {
    const dataDir = tempDir();
    loadMasterKey({ secret: undefined, dataDir });
    const file = path.join(dataDir, 'secret.key');
    fs.chmodSync(file, 0o644);
    expect(loadMasterKey({ secret: undefined, dataDir })).toEqual({ ok: false, reason: expect.stringMatching(/droits 644 trop ouverts.*chmod 600/) });
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, 'trop court\n');
    expect(loadMasterKey({ secret: undefined, dataDir })).toEqual({ ok: false, reason: expect.stringMatching(/clé illisible/) });
  });

  it('derives distinct subkeys per label', () => {
    const master = Buffer.alloc(32, 7);
    expect(deriveSubkey(master, 'a').equals(deriveSubkey(master, 'a'))).toBe(true);
    expect(deriveSubkey(master, 'a').equals(deriveSubkey(master, 'b'))).toBe(false);
    expect(deriveSubkey(master, 'a').equals(master)).toBe(false);
  });
});

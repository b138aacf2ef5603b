/**
 * The master key: 32 bytes every keyed part of eGEC derives its own subkey from (HKDF-SHA256 with a
 * label), so one secret serves mail sealing, audit hashes, cookies… without reusing a key twice.
 *
 * Source, in order: EGEC_SECRET (any string of 32+ characters, stretched by HKDF), else the key
 * file `<dataDir>/secret.key` (32 random bytes, base64), created on first start with rights 0600.
 * An existing key file readable by group or others is refused rather than silently fixed: someone
 * may already have copied it, and the operator should know. The key itself is never logged.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE_NAME = 'secret.key';
const KEY_BYTES = 32;

export type MasterKeySource = 'EGEC_SECRET' | 'key-file' | 'new-key-file';

export type MasterKeyResult =
  | { readonly ok: true; readonly key: Buffer; readonly source: MasterKeySource; readonly file?: string }
  | { readonly ok: false; readonly reason: string };

export function loadMasterKey({ secret, dataDir }: { secret: string | undefined; dataDir: string }): MasterKeyResult {
  if (secret !== undefined) {
    return { ok: true, key: hkdf(Buffer.from(secret, 'utf8'), 'egec master key'), source: 'EGEC_SECRET' };
  }
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    const created = createKeyFile(file);
    if (created !== undefined) return { ok: true, key: created, source: 'new-key-file', file };
  }
  return readKeyFile(file);
}

/** A 32-byte subkey for one purpose, e.g. `deriveSubkey(master, 'mail content v1')`. */
export function deriveSubkey(master: Buffer, label: string): Buffer {
  return hkdf(master, `egec subkey: ${label}`);
}

function hkdf(material: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'egec', info, KEY_BYTES));
}

/**
 * Written under a temporary name then hard-linked into place, so two processes starting at once
 * (serve and worker) end up with one key: the loser of the link race reads the winner's file.
 * Returns undefined when another process won.
 */
function createKeyFile(file: string): Buffer | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(temp, 0o600);
  try {
    fs.linkSync(temp, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readKeyFile(file: string): MasterKeyResult {
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const rights = (stat.mode & 0o777).toString(8);
    return { ok: false, reason: `${file} : droits ${rights} trop ouverts ; attendu 600 (chmod 600 ${file})` };
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) return { ok: false, reason: `${file} : clé illisible (32 octets en base64 attendus)` };
  return { ok: true, key, source: 'key-file', file };
}

import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { tempDir } from './test-support/databases.js';

describe('DKIM configuration', () => {
  const dir = tempDir();
  const keyFile = path.join(dir, 'dkim.pem');
  fs.writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const all = { EGEC_DKIM_DOMAIN: 'egec.pro', EGEC_DKIM_SELECTOR: 'mail2026', EGEC_DKIM_KEY_FILE: 'dkim.pem' };

  it('is off when none of the three variables is set', () => {
    const result = loadConfig({}, dir);
    expect(result.ok && result.config.mail.dkim).toBeUndefined();
  });

  it('takes the three variables together, the key file relative to the working folder', () => {
    const result = loadConfig(all, dir);
    expect(result.ok && result.config.mail.dkim).toEqual({ domain: 'egec.pro', selector: 'mail2026', keyFile });
  });

  it('refuses a partial configuration, naming what is missing', () => {
    const result = loadConfig({ EGEC_DKIM_DOMAIN: 'egec.pro' }, dir);
    expect(result).toEqual({
      ok: false,
      errors: ['EGEC_DKIM_SELECTOR, EGEC_DKIM_KEY_FILE: EGEC_DKIM_DOMAIN, EGEC_DKIM_SELECTOR et EGEC_DKIM_KEY_FILE vont ensemble (manquant)'],
    });
  });

  it('refuses a missing key file, a file without a private key, and a bad domain', () => {
    fs.writeFileSync(path.join(dir, 'not-a-key.pem'), 'bonjour');
    expect(loadConfig({ ...all, EGEC_DKIM_KEY_FILE: 'absent.pem' }, dir)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^EGEC_DKIM_KEY_FILE: fichier illisible/)],
    });
    expect(loadConfig({ ...all, EGEC_DKIM_KEY_FILE: 'not-a-key.pem' }, dir)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^EGEC_DKIM_KEY_FILE: le fichier ne contient pas de clé privée PEM/)],
    });
    expect(loadConfig({ ...all, EGEC_DKIM_DOMAIN: 'pas un domaine' }, dir)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^EGEC_DKIM_DOMAIN: doit être un nom de domaine/)],
    });
  });
});

describe('mail delivery and secret configuration', () => {
  it('defaults to a 24 h retry window, 30 s leases, four mails at once, and the key file', () => {
    const result = loadConfig({}, tempDir());
    expect(result.ok && result.config.mail).toMatchObject({ retryWindowMs: 86_400_000, leaseMs: 30_000, concurrency: 4 });
    expect(result.ok && result.config.secret).toBeUndefined();
  });

  it('reads durations such as 90m and 2d', () => {
    const result = loadConfig({ EGEC_MAIL_RETRY_WINDOW: '90m', EGEC_MAIL_LEASE: '45s', EGEC_MAIL_CONCURRENCY: '8' }, tempDir());
    expect(result.ok && result.config.mail).toMatchObject({ retryWindowMs: 5_400_000, leaseMs: 45_000, concurrency: 8 });
    expect(loadConfig({ EGEC_MAIL_RETRY_WINDOW: '2d' }, tempDir())).toMatchObject({ ok: true, config: { mail: { retryWindowMs: 172_800_000 } } });
  });

  it('refuses bad durations and a short secret, one French line each, never echoing the secret', () => {
    const result = loadConfig({ EGEC_MAIL_RETRY_WINDOW: 'demain', EGEC_MAIL_LEASE: '0s', EGEC_SECRET: 'court-mais-secret' }, tempDir());
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(/^EGEC_MAIL_RETRY_WINDOW: durée attendue, ex\. 24h/),
        expect.stringMatching(/^EGEC_MAIL_LEASE: doit être entre 1s et 1h/),
        'EGEC_SECRET: au moins 32 caractères (ex. `openssl rand -base64 32`)',
      ],
    });
  });
});

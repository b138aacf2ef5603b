import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config, type Env } from './config.js';
import { tempDir } from './test-support/databases.js';

function configOf(env: Env): Config {
  const result = loadConfig(env, '/srv/egec');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

function errorsOf(env: Env): string[] {
  const result = loadConfig(env, '/srv/egec');
  return result.ok ? [] : result.errors;
}

describe('security settings', () => {
  it('defaults: no proxy trusted, counters in the database, memo-sized limits, one year of audit', () => {
    const config = configOf({});
    expect(config.http.trustProxy).toBe(false);
    expect(config.redisUrl).toBeUndefined();
    expect(config.limits).toEqual({
      activationPerEmail: { points: 5, windowMs: 3_600_000 },
      activationPerIp: { points: 20, windowMs: 3_600_000 },
      loginPerIp: { points: 50, windowMs: 900_000 },
    });
    expect(config.loginLock).toEqual({ after: 10, firstMs: 60_000, maxMs: 900_000 });
    expect(config.auditRetentionMs).toBe(365 * 86_400_000);
  });

  it('reads every variable', () => {
    const config = configOf({
      EGEC_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1',
      EGEC_REDIS_URL: 'redis://cache.local:6380/2',
      EGEC_LIMIT_ACTIVATION_EMAIL: '3/30min',
      EGEC_LIMIT_ACTIVATION_IP: '10/1h',
      EGEC_LIMIT_LOGIN_IP: '100/1h',
      EGEC_LOGIN_LOCK_AFTER: '100',
      EGEC_LOGIN_LOCK_FIRST: '30s',
      EGEC_LOGIN_LOCK_MAX: '1h',
      EGEC_AUDIT_RETENTION: '90d',
    });
    expect(config.http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(config.redisUrl?.host).toBe('cache.local:6380');
    expect(config.limits.activationPerEmail).toEqual({ points: 3, windowMs: 1_800_000 });
    expect(config.loginLock).toEqual({ after: 100, firstMs: 30_000, maxMs: 3_600_000 });
    expect(config.auditRetentionMs).toBe(90 * 86_400_000);
    expect(configOf({ EGEC_TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(configOf({ EGEC_TRUST_PROXY: 'off' }).http.trustProxy).toBe(false);
  });

  it('names each bad value on its own French line', () => {
    const errors = errorsOf({
      EGEC_TRUST_PROXY: '10.0.0.0/33,proxy.local',
      EGEC_REDIS_URL: 'http://cache',
      EGEC_LIMIT_LOGIN_IP: '50',
      EGEC_LOGIN_LOCK_AFTER: '101',
      EGEC_AUDIT_RETENTION: '1 year',
    });
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'EGEC_TRUST_PROXY',
      'EGEC_REDIS_URL',
      'EGEC_LIMIT_LOGIN_IP',
      'EGEC_LOGIN_LOCK_AFTER',
      'EGEC_AUDIT_RETENTION',
    ]);
    expect(errors[0]).toContain('« 10.0.0.0/33 » illisible');
    expect(errors[3]).toContain('NIST');
    expect(errorsOf({ EGEC_LOGIN_LOCK_FIRST: '20min', EGEC_LOGIN_LOCK_MAX: '15min' })).toEqual([
      'EGEC_LOGIN_LOCK_MAX: doit être au moins égal à EGEC_LOGIN_LOCK_FIRST',
    ]);
  });
});

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

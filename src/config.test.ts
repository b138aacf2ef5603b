import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl, type Env } from './config.js';
import { tempDir } from './test-support/databases.js';

const cwd = '/srv/egec';

function config(env: Env) {
  const result = loadConfig(env, cwd);
  if (!result.ok) throw new Error(`expected a valid configuration, got: ${result.errors.join(' | ')}`);
  return result.config;
}

function errors(env: Env): string[] {
  const result = loadConfig(env, cwd);
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

describe('loadConfig', () => {
  it('runs with no variable at all: SQLite under ./data, port 3000, built-in mailbox', () => {
    const c = config({});
    expect(c.database).toEqual({ kind: 'sqlite', file: path.join(cwd, 'data', 'egec.sqlite') });
    expect(c.dataDir).toBe(path.join(cwd, 'data'));
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.http.port).toBe(3000);
    expect(c.http.publicUrl.href).toBe('http://localhost:3000/');
    expect(c.logLevel).toBe('info');
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.mail.from).toBe('eGEC <ne-pas-repondre@localhost>');
    expect(c.supportContact).toBe('le Service IT du cabinet');
    expect(c.argon2).toEqual({ memoryKib: 19_456, timeCost: 2, parallelism: 1 });
    expect(c.timeZone).toBe('Europe/Paris');
    expect(Object.isFrozen(c) && Object.isFrozen(c.http) && Object.isFrozen(c.argon2)).toBe(true);
  });

  it('reads every variable', () => {
    const c = config({
      EGEC_DATA_DIR: '/var/lib/egec',
      EGEC_PORT: '8080',
      EGEC_HOST: '0.0.0.0',
      EGEC_PUBLIC_URL: 'https://clients.cabinet.fr',
      EGEC_LOG_LEVEL: 'warn',
      EGEC_SMTP_URL: 'smtps://user:secret@mail.cabinet.fr:465',
      EGEC_MAIL_FROM: 'Cabinet Exemple <ne-pas-repondre@cabinet.fr>',
      EGEC_SUPPORT_CONTACT: '01 23 45 67 89, du lundi au vendredi',
      EGEC_ARGON2_MEMORY_KIB: '65536',
      EGEC_ARGON2_TIME_COST: '3',
      EGEC_ARGON2_PARALLELISM: '2',
      EGEC_TIME_ZONE: 'America/Martinique',
    });
    expect(c.database).toEqual({ kind: 'sqlite', file: '/var/lib/egec/egec.sqlite' });
    expect(c.http).toMatchObject({ host: '0.0.0.0', port: 8080 });
    expect(c.http.publicUrl.href).toBe('https://clients.cabinet.fr/');
    expect(c.logLevel).toBe('warn');
    expect(c.mail.smtpUrl?.hostname).toBe('mail.cabinet.fr');
    expect(c.mail.from).toBe('Cabinet Exemple <ne-pas-repondre@cabinet.fr>');
    expect(c.supportContact).toBe('01 23 45 67 89, du lundi au vendredi');
    expect(c.argon2).toEqual({ memoryKib: 65_536, timeCost: 3, parallelism: 2 });
    expect(c.timeZone).toBe('America/Martinique');
  });

  it('derives the public URL and the sender from the port and host', () => {
    expect(config({ EGEC_PORT: '4000' }).http.publicUrl.href).toBe('http://localhost:4000/');
    expect(config({ EGEC_PUBLIC_URL: 'https://portail.cabinet.fr' }).mail.from).toBe('eGEC <ne-pas-repondre@portail.cabinet.fr>');
  });

  it('treats empty and blank values as unset', () => {
    expect(config({ EGEC_PORT: '', EGEC_SMTP_URL: '   ', EGEC_DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it.each([
    ['EGEC_PORT', '0'],
    ['EGEC_PORT', '65536'],
    ['EGEC_PORT', 'http'],
    ['EGEC_PORT', '80.5'],
    ['EGEC_PUBLIC_URL', 'clients.cabinet.fr'],
    ['EGEC_PUBLIC_URL', 'ftp://clients.cabinet.fr'],
    ['EGEC_LOG_LEVEL', 'verbose'],
    ['EGEC_SMTP_URL', 'mail.cabinet.fr:25'],
    ['EGEC_MAIL_FROM', 'Cabinet <pas une adresse>'],
    ['EGEC_MAIL_FROM', 'a@b.fr\r\nBcc: x@y.fr'],
    ['EGEC_SUPPORT_CONTACT', 'ligne 1\nligne 2'],
    ['EGEC_SUPPORT_CONTACT', 'x'.repeat(301)],
    ['EGEC_ARGON2_MEMORY_KIB', '1024'],
    ['EGEC_ARGON2_TIME_COST', '1'],
    ['EGEC_ARGON2_PARALLELISM', '0'],
    ['EGEC_ARGON2_PARALLELISM', 'deux'],
    ['EGEC_TIME_ZONE', 'Europe/Lutece'],
    ['EGEC_DATABASE_URL', 'mysql://db/egec'],
    ['EGEC_DATABASE_URL', 'postgres://db:port/egec'],
    ['EGEC_DATABASE_URL', 'sqlite:'],
  ])('%s=%j gives one line naming the variable', (name, value) => {
    const lines = errors({ [name]: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${name}: .+ \\(reçu « .* »\\)$`));
    expect(lines[0]).not.toMatch(/[\r\n]/);
  });

  it('reports every bad variable at once, one line each', () => {
    const lines = errors({ EGEC_PORT: 'x', EGEC_LOG_LEVEL: 'loud', EGEC_TIME_ZONE: 'Mars/Olympus' });
    expect(lines.map((l) => l.split(':')[0])).toEqual(['EGEC_PORT', 'EGEC_LOG_LEVEL', 'EGEC_TIME_ZONE']);
  });

  it('does not echo a whole pasted secret', () => {
    const [line] = errors({ EGEC_SMTP_URL: `mail.cabinet.fr/${'s'.repeat(200)}` });
    expect(line!.length).toBeLessThan(200);
  });
});

describe('parseDatabaseUrl', () => {
  it('takes postgres:// and postgresql:// URLs as they are', () => {
    expect(parseDatabaseUrl('postgres://egec:pw@db:5432/egec', cwd)).toEqual({ kind: 'postgres', url: 'postgres://egec:pw@db:5432/egec' });
    expect(parseDatabaseUrl('postgresql://db/egec?sslmode=require', cwd)).toEqual({ kind: 'postgres', url: 'postgresql://db/egec?sslmode=require' });
  });

  it('takes a SQLite path, with or without the sqlite: prefix, relative to the working folder', () => {
    expect(parseDatabaseUrl('sqlite:data/x.sqlite', cwd)).toEqual({ kind: 'sqlite', file: '/srv/egec/data/x.sqlite' });
    expect(parseDatabaseUrl('sqlite:///var/lib/egec.sqlite', cwd)).toEqual({ kind: 'sqlite', file: '/var/lib/egec.sqlite' });
    expect(parseDatabaseUrl('/var/lib/egec.sqlite', cwd)).toEqual({ kind: 'sqlite', file: '/var/lib/egec.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:', cwd)).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('explains what it refuses', () => {
    expect(parseDatabaseUrl('mysql://db/egec', cwd)).toMatch(/postgres:\/\//);
    expect(parseDatabaseUrl('sqlite:', cwd)).toBe('chemin de fichier SQLite vide');
  });
});

describe('security settings', () => {
  it('defaults: no proxy trusted, counters in the database, memo-sized limits, one year of audit', () => {
    const settings = config({});
    expect(settings.http.trustProxy).toBe(false);
    expect(settings.redisUrl).toBeUndefined();
    expect(settings.limits).toEqual({
      activationPerEmail: { points: 5, windowMs: 3_600_000 },
      activationPerIp: { points: 20, windowMs: 3_600_000 },
      loginPerIp: { points: 50, windowMs: 900_000 },
    });
    expect(settings.loginLock).toEqual({ after: 10, firstMs: 60_000, maxMs: 900_000 });
    expect(settings.auditRetentionMs).toBe(365 * 86_400_000);
  });

  it('reads every variable', () => {
    const settings = config({
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
    expect(settings.http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(settings.redisUrl?.host).toBe('cache.local:6380');
    expect(settings.limits.activationPerEmail).toEqual({ points: 3, windowMs: 1_800_000 });
    expect(settings.loginLock).toEqual({ after: 100, firstMs: 30_000, maxMs: 3_600_000 });
    expect(settings.auditRetentionMs).toBe(90 * 86_400_000);
    expect(config({ EGEC_TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(config({ EGEC_TRUST_PROXY: 'off' }).http.trustProxy).toBe(false);
  });

  it("keeps the memo's behaviour unless a mode beyond it is chosen", () => {
    const defaults = config({});
    expect(defaults.activation).toEqual({ revealUnknown: true });
    expect(defaults.passwords).toEqual({ replace: 'immediate', unusedTtlMs: undefined });
    expect(defaults.metrics).toEqual({ port: undefined, host: '127.0.0.1', token: undefined });
    const chosen = config({
      EGEC_ACTIVATION_REVEAL_UNKNOWN: 'false',
      EGEC_PASSWORD_REPLACE: 'pending',
      EGEC_PASSWORD_UNUSED_TTL: '24h',
      EGEC_METRICS_PORT: '9464',
      EGEC_METRICS_HOST: '0.0.0.0',
      EGEC_METRICS_TOKEN: 'x'.repeat(32),
    });
    expect(chosen.activation).toEqual({ revealUnknown: false });
    expect(chosen.passwords).toEqual({ replace: 'pending', unusedTtlMs: 86_400_000 });
    expect(chosen.metrics).toEqual({ port: 9464, host: '0.0.0.0', token: 'x'.repeat(32) });
  });

  it('refuses unclear modes and never echoes the metrics token', () => {
    const found = errors({
      EGEC_ACTIVATION_REVEAL_UNKNOWN: 'maybe',
      EGEC_PASSWORD_REPLACE: 'later',
      EGEC_PASSWORD_UNUSED_TTL: '10s',
      EGEC_METRICS_PORT: '3000',
      EGEC_METRICS_TOKEN: 'short-secret',
    });
    expect(found.map((e) => e.split(':')[0])).toEqual([
      'EGEC_ACTIVATION_REVEAL_UNKNOWN',
      'EGEC_PASSWORD_REPLACE',
      'EGEC_PASSWORD_UNUSED_TTL',
      'EGEC_METRICS_TOKEN',
      'EGEC_METRICS_PORT',
    ]);
    expect(found.join('\n')).not.toContain('short-secret');
  });

  it('names each bad value on its own French line', () => {
    const found = errors({
      EGEC_TRUST_PROXY: '10.0.0.0/33,proxy.local',
      EGEC_REDIS_URL: 'http://cache',
      EGEC_LIMIT_LOGIN_IP: '50',
      EGEC_LOGIN_LOCK_AFTER: '101',
      EGEC_AUDIT_RETENTION: '1 year',
    });
    expect(found.map((e) => e.split(':')[0])).toEqual([
      'EGEC_TRUST_PROXY',
      'EGEC_REDIS_URL',
      'EGEC_LIMIT_LOGIN_IP',
      'EGEC_LOGIN_LOCK_AFTER',
      'EGEC_AUDIT_RETENTION',
    ]);
    expect(found[0]).toContain('« 10.0.0.0/33 » illisible');
    expect(found[3]).toContain('NIST');
    expect(errors({ EGEC_LOGIN_LOCK_FIRST: '20min', EGEC_LOGIN_LOCK_MAX: '15min' })).toEqual([
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

describe('mail delivery and secret configuration', () => {
  it('defaults to a 24 h retry window, 30 s leases, four mails at once over two SMTP connections, and the key file', () => {
    const result = loadConfig({}, tempDir());
    expect(result.ok && result.config.mail).toMatchObject({ retryWindowMs: 86_400_000, leaseMs: 30_000, concurrency: 4, connections: 2 });
    expect(result.ok && result.config.secret).toBeUndefined();
  });

  it('reads durations such as 90m and 2d', () => {
    const result = loadConfig({ EGEC_MAIL_RETRY_WINDOW: '90m', EGEC_MAIL_LEASE: '45s', EGEC_MAIL_CONCURRENCY: '8', EGEC_SMTP_CONNECTIONS: '3' }, tempDir());
    expect(result.ok && result.config.mail).toMatchObject({ retryWindowMs: 5_400_000, leaseMs: 45_000, concurrency: 8, connections: 3 });
    expect(loadConfig({ EGEC_SMTP_CONNECTIONS: '0' }, tempDir())).toMatchObject({ ok: false, errors: [expect.stringMatching(/^EGEC_SMTP_CONNECTIONS: /)] });
    expect(loadConfig({ EGEC_MAIL_RETRY_WINDOW: '2d' }, tempDir())).toMatchObject({ ok: true, config: { mail: { retryWindowMs: 172_800_000 } } });
  });

  it('refuses bad durations and a short secret, one French line each, never echoing the secret', () => {
    const result = loadConfig({ EGEC_MAIL_RETRY_WINDOW: 'demain', EGEC_MAIL_LEASE: '2h', EGEC_SECRET: 'court-mais-secret' }, tempDir());
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(/^EGEC_MAIL_RETRY_WINDOW: durée attendue, ex\. 90s/),
        expect.stringMatching(/^EGEC_MAIL_LEASE: doit être entre 1s et 1h/),
        'EGEC_SECRET: au moins 32 caractères (ex. `openssl rand -base64 32`)',
      ],
    });
  });
});

/**
 * The only reader of `process.env`: turns the environment into one typed, frozen `Config`.
 *
 * Every variable is validated once at start; a bad value yields one readable line naming the
 * variable, so the CLI can print them all and exit non-zero without a stack trace. The rest of
 * the code receives the parts of `Config` it needs and never looks at the environment.
 */
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseDuration, parseRateRule, type RateRule } from './duration.js';
import type { StaffRole } from './storage/schema.js';

export type { RateRule };

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  /** Where client files live: a SQLite file (default) or a PostgreSQL server. */
  readonly database: DatabaseTarget;
  /** Folder for the SQLite file, the key file and the embedded mailbox. */
  readonly dataDir: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** The address clients are given (in the mail); https turns on Secure cookies. */
    readonly publicUrl: URL;
    /** Whose X-Forwarded-For to believe: nobody (false), everybody (true), or these addresses/CIDRs. */
    readonly trustProxy: boolean | readonly string[];
  };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly mail: {
    /** `smtp://` or `smtps://`, optional user:password; absent = the embedded mailbox (trying eGEC). */
    readonly smtpUrl: URL | undefined;
    /** From header, e.g. `Cabinet Exemple <ne-pas-repondre@egec.pro>`. */
    readonly from: string;
    /** DKIM signing of outgoing SMTP mail; the key file was readable and a private key at start. */
    readonly dkim: DkimConfig | undefined;
    /** How long the delivery worker keeps retrying a mail before marking it failed. */
    readonly retryWindowMs: number;
    /** How long a worker owns a mail it is sending; renewed while the send lasts. */
    readonly leaseMs: number;
    /** Mails one worker has in flight at once (to distinct addresses), over `connections`. */
    readonly concurrency: number;
    /**
     * SMTP connections one worker keeps open at most. Default 2: relays cap them per sender
     * (Microsoft 365 accepts 3 per mailbox); a firm's own relay may allow more.
     */
    readonly connections: number;
  };
  /** EGEC_SECRET: the master secret; absent = the key file `<dataDir>/secret.key`. Never logged. */
  readonly secret: string | undefined;
  /** Shown after « contacter le Service IT » (phone, address, hours). */
  readonly supportContact: string;
  /** argon2id cost; defaults are OWASP's minimum (m=19 MiB, t=2, p=1). */
  readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
  /** Time zone of dates shown to clients (mail numbers, last login). */
  readonly timeZone: string;
  readonly sessions: { readonly idleTimeoutMs: number; readonly absoluteTimeoutMs: number };
  /** The firm's name, logo and main colour on every page. */
  readonly brand: BrandConfig;
  /** Staff roles that must enrol a TOTP second factor to sign in to the back-office. */
  readonly staff: { readonly totpRequired: readonly StaffRole[] };
  /** Shared rate-limit counters live here when set; otherwise in the database. */
  readonly redisUrl: URL | undefined;
  readonly limits: {
    readonly activationPerEmail: RateRule;
    readonly activationPerIp: RateRule;
    readonly loginPerIp: RateRule;
  };
  /** Per identifiant: lock after `after` consecutive failures, for `firstMs`, doubling up to `maxMs`. */
  readonly loginLock: { readonly after: number; readonly firstMs: number; readonly maxMs: number };
  /** Audit events older than this are purged (`egec audit purge`). */
  readonly auditRetentionMs: number;
  /** Modes beyond the memo, off by default (README, SECURITY.md: each one's trade-off). */
  readonly activation: {
    /** true = the memo's « non reconnu(s) » for an unknown email; false = the success text for every email. */
    readonly revealUnknown: boolean;
  };
  readonly passwords: {
    /** `immediate` (the memo): a new password ends the previous one; `pending`: the previous one works until the new one is first used. */
    readonly replace: 'immediate' | 'pending';
    /** A generated password never used expires after this; undefined = never. */
    readonly unusedTtlMs: number | undefined;
  };
  /** Prometheus /metrics: on its own listener (port) and/or behind a bearer token on the main one; off when neither is set. */
  readonly metrics: { readonly port: number | undefined; readonly host: string; readonly token: string | undefined };
}

export interface BrandConfig {
  readonly name: string;
  /** Read once at start: a small image shown in the page header. */
  readonly logo: { readonly bytes: Buffer; readonly contentType: string } | undefined;
  /** `#rrggbb`, dark enough for white text on it (WCAG AA 4.5:1). */
  readonly color: string;
}

export interface DkimConfig {
  readonly domain: string;
  readonly selector: string;
  readonly keyFile: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const optional = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const port = z.coerce
  .number({ message: 'doit être un nombre entier entre 1 et 65535' })
  .int('doit être un nombre entier entre 1 et 65535')
  .min(1, 'doit être un nombre entier entre 1 et 65535')
  .max(65535, 'doit être un nombre entier entre 1 et 65535');

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    message: 'doit être une adresse http:// ou https:// complète',
  });

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  message: 'doit être fatal, error, warn, info, debug, trace ou silent',
});

const smtpUrlSchema = z.string().refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), {
  message: 'doit être une adresse smtp:// ou smtps:// (utilisateur et mot de passe facultatifs)',
});

const singleLine = z.string().max(300, '300 caractères au plus').regex(/^[^\u0000-\u001f\u007f]*$/, 'une seule ligne attendue');

// Display name and address; no CR/LF so the header cannot be split.
const mailFrom = singleLine.refine((v) => /^(?:[^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(v), {
  message: 'doit être « Nom <adresse@domaine> » ou une adresse',
});

const integerAtLeast = (min: number) =>
  z.coerce.number({ message: `doit être un nombre entier d'au moins ${min}` }).int(`doit être un nombre entier d'au moins ${min}`).min(min, `doit être un nombre entier d'au moins ${min}`);

/** A duration (see durationSchema) between `min` and `max` milliseconds. */
const durationWithin = (min: number, max: number) =>
  durationSchema.refine((ms) => ms === 0 || (ms >= min && ms <= max), `doit être entre ${formatDuration(min)} et ${formatDuration(max)}`);

function formatDuration(ms: number): string {
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1_000]];
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['s', 1_000];
  return `${ms / size}${unit}`;
}

const secretSchema = z.string().min(32, 'au moins 32 caractères (ex. `openssl rand -base64 32`)');

const timeZoneSchema = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, 'fuseau horaire IANA inconnu (ex. Europe/Paris)');

const dkimDomain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'doit être un nom de domaine (ex. egec.pro)');
const dkimSelector = z.string().regex(/^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i, 'doit être un sélecteur DKIM (lettres, chiffres, . _ -)');

/** The key is read once here so a missing or unreadable file stops the start, not the first mail. */
function dkimKeyProblem(file: string): string | undefined {
  let pem: Buffer;
  try {
    pem = fs.readFileSync(file);
  } catch {
    return 'fichier illisible';
  }
  try {
    createPrivateKey(pem);
    return undefined;
  } catch {
    return 'le fichier ne contient pas de clé privée PEM';
  }
}

const redisUrlSchema = z.string().refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), {
  message: 'doit être une adresse redis:// ou rediss://',
});

const durationSchema = z.string().transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'durée attendue, ex. 90s, 15min, 1h, 365d' });
  return ms ?? 0;
});

const rateRuleSchema = z.string().transform((v, ctx) => {
  const rule = parseRateRule(v);
  if (rule === undefined) ctx.addIssue({ code: 'custom', message: 'attendu « nombre/durée », ex. 5/1h ou 50/15min' });
  return rule ?? { points: 1, windowMs: 1 };
});

function parseBoolean(value: string): boolean | undefined {
  const lowered = value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(lowered)) return true;
  if (['false', 'no', 'off', '0'].includes(lowered)) return false;
  return undefined;
}

const booleanSchema = z.string().transform((v, ctx) => {
  const parsed = parseBoolean(v);
  if (parsed === undefined) ctx.addIssue({ code: 'custom', message: 'true ou false attendu' });
  return parsed ?? false;
});

const passwordReplaceSchema = z.enum(['immediate', 'pending'], { message: 'immediate ou pending attendu' });

// Sent as `Authorization: Bearer …`; long enough that guessing it is hopeless.
const metricsTokenSchema = z.string().min(32, 'au moins 32 caractères (ex. `openssl rand -hex 24`)').regex(/^[\x21-\x7e]+$/, 'caractères imprimables sans espace');

// NIST SP 800-63B: no more than 100 consecutive failed attempts on one account.
const lockAfterSchema = z.coerce
  .number({ message: 'doit être un nombre entier entre 1 et 100' })
  .int('doit être un nombre entier entre 1 et 100')
  .min(1, 'doit être un nombre entier entre 1 et 100')
  .max(100, 'doit être un nombre entier entre 1 et 100 (NIST SP 800-63B)');

const trustProxySchema = z.string().transform((v, ctx): boolean | string[] => {
  const flag = parseBoolean(v);
  if (flag !== undefined) return flag;
  const entries = v.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.find((e) => !isAddressOrCidr(e));
  if (bad !== undefined || entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: `true, false, ou adresses IP / CIDR séparées par des virgules${bad ? ` (« ${bad} » illisible)` : ''}` });
  }
  return entries;
});

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const staffRoleList = z.string().transform((v, ctx) => {
  if (v.toLowerCase() === 'none') return [] as StaffRole[];
  const roles = v.split(',').map((r) => r.trim().toLowerCase());
  if (!roles.every((r): r is StaffRole => r === 'agent' || r === 'it' || r === 'admin')) {
    ctx.addIssue({ code: 'custom', message: 'liste de rôles attendue parmi agent, it, admin (séparés par des virgules), ou none' });
    return [];
  }
  return [...new Set(roles)];
});

function publicHostname(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : 'localhost';
}

/** `postgres://` / `postgresql://` URL, or a SQLite file path optionally prefixed `sqlite:`. */
export function parseDatabaseUrl(value: string, cwd: string): DatabaseTarget | string {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return URL.canParse(value) ? { kind: 'postgres', url: value } : 'adresse PostgreSQL illisible';
  }
  if (/^(?!sqlite:)[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return 'doit commencer par postgres:// ou postgresql://, ou être un chemin de fichier SQLite';
  }
  const file = value.replace(/^sqlite:(\/\/)?/i, '');
  if (file === '') return 'chemin de fichier SQLite vide';
  if (file.includes('\0')) return 'chemin de fichier SQLite invalide';
  return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
}

export function loadConfig(env: Env, cwd: string = process.cwd()): ConfigResult {
  const errors: string[] = [];
  const check = <T>(name: string, schema: z.ZodType<T>, raw: string | undefined, fallback: T): T => {
    const value = optional(raw);
    if (value === undefined) return fallback;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // A secret is never echoed, not even a bad one.
    const received = name === 'EGEC_SECRET' || name === 'EGEC_METRICS_TOKEN' ? '' : ` (reçu « ${printable(value)} »)`;
    errors.push(`${name}: ${parsed.error.issues[0]?.message ?? 'valeur invalide'}${received}`);
    return fallback;
  };

  const dataDir = path.resolve(cwd, optional(env.EGEC_DATA_DIR) ?? 'data');
  const portValue = check('EGEC_PORT', port, env.EGEC_PORT, 3000);
  const host = optional(env.EGEC_HOST) ?? '127.0.0.1';
  const publicUrl = check('EGEC_PUBLIC_URL', httpUrl, env.EGEC_PUBLIC_URL, `http://localhost:${portValue}`);
  const level = check('EGEC_LOG_LEVEL', logLevel, env.EGEC_LOG_LEVEL, 'info');

  const smtpUrl = check('EGEC_SMTP_URL', smtpUrlSchema, env.EGEC_SMTP_URL, undefined);
  const brandName = check('EGEC_BRAND_NAME', brandNameSchema, env.EGEC_BRAND_NAME, 'eGEC');
  const brandColor = check('EGEC_BRAND_COLOR', brandColorSchema, env.EGEC_BRAND_COLOR, '#1f4e8c');
  const brandLogo = loadBrandLogo(optional(env.EGEC_BRAND_LOGO), cwd, errors);
  const from = check('EGEC_MAIL_FROM', mailFrom, env.EGEC_MAIL_FROM, `${brandName.replace(/[<>@"]/g, '')} <ne-pas-repondre@${publicHostname(publicUrl)}>`);
  const supportContact = check('EGEC_SUPPORT_CONTACT', singleLine, env.EGEC_SUPPORT_CONTACT, 'le Service IT du cabinet');
  const memoryKib = check('EGEC_ARGON2_MEMORY_KIB', integerAtLeast(19_456), env.EGEC_ARGON2_MEMORY_KIB, 19_456);
  const timeCost = check('EGEC_ARGON2_TIME_COST', integerAtLeast(2), env.EGEC_ARGON2_TIME_COST, 2);
  const parallelism = check('EGEC_ARGON2_PARALLELISM', integerAtLeast(1), env.EGEC_ARGON2_PARALLELISM, 1);
  const retryWindowMs = check('EGEC_MAIL_RETRY_WINDOW', durationWithin(60_000, 30 * 86_400_000), env.EGEC_MAIL_RETRY_WINDOW, 86_400_000);
  const leaseMs = check('EGEC_MAIL_LEASE', durationWithin(1_000, 3_600_000), env.EGEC_MAIL_LEASE, 30_000);
  const concurrency = check('EGEC_MAIL_CONCURRENCY', integerAtLeast(1).max(64, 'doit être au plus 64'), env.EGEC_MAIL_CONCURRENCY, 4);
  const connections = check('EGEC_SMTP_CONNECTIONS', integerAtLeast(1).max(64, 'doit être au plus 64'), env.EGEC_SMTP_CONNECTIONS, 2);
  const secret = check('EGEC_SECRET', secretSchema, env.EGEC_SECRET, undefined);
  const timeZone = check('EGEC_TIME_ZONE', timeZoneSchema, env.EGEC_TIME_ZONE, 'Europe/Paris');
  const idleTimeoutMs = check('EGEC_SESSION_IDLE_TIMEOUT', durationSchema, env.EGEC_SESSION_IDLE_TIMEOUT, 30 * 60_000);
  const absoluteTimeoutMs = check('EGEC_SESSION_ABSOLUTE_TIMEOUT', durationSchema, env.EGEC_SESSION_ABSOLUTE_TIMEOUT, 12 * 3_600_000);

  const dkim = loadDkim(env, cwd, errors, check);
  const trustProxy = check('EGEC_TRUST_PROXY', trustProxySchema, env.EGEC_TRUST_PROXY, false);
  const redisUrl = check('EGEC_REDIS_URL', redisUrlSchema, env.EGEC_REDIS_URL, undefined);
  const limits = {
    activationPerEmail: check('EGEC_LIMIT_ACTIVATION_EMAIL', rateRuleSchema, env.EGEC_LIMIT_ACTIVATION_EMAIL, { points: 5, windowMs: 3_600_000 }),
    activationPerIp: check('EGEC_LIMIT_ACTIVATION_IP', rateRuleSchema, env.EGEC_LIMIT_ACTIVATION_IP, { points: 20, windowMs: 3_600_000 }),
    loginPerIp: check('EGEC_LIMIT_LOGIN_IP', rateRuleSchema, env.EGEC_LIMIT_LOGIN_IP, { points: 50, windowMs: 900_000 }),
  };
  const loginLock = {
    after: check('EGEC_LOGIN_LOCK_AFTER', lockAfterSchema, env.EGEC_LOGIN_LOCK_AFTER, 10),
    firstMs: check('EGEC_LOGIN_LOCK_FIRST', durationSchema, env.EGEC_LOGIN_LOCK_FIRST, 60_000),
    maxMs: check('EGEC_LOGIN_LOCK_MAX', durationSchema, env.EGEC_LOGIN_LOCK_MAX, 900_000),
  };
  if (loginLock.maxMs < loginLock.firstMs) {
    errors.push('EGEC_LOGIN_LOCK_MAX: doit être au moins égal à EGEC_LOGIN_LOCK_FIRST');
  }
  const auditRetentionMs = check('EGEC_AUDIT_RETENTION', durationSchema, env.EGEC_AUDIT_RETENTION, 365 * 86_400_000);

  const revealUnknown = check('EGEC_ACTIVATION_REVEAL_UNKNOWN', booleanSchema, env.EGEC_ACTIVATION_REVEAL_UNKNOWN, true);
  const replace = check('EGEC_PASSWORD_REPLACE', passwordReplaceSchema, env.EGEC_PASSWORD_REPLACE, 'immediate');
  const unusedTtlMs = check('EGEC_PASSWORD_UNUSED_TTL', durationWithin(60_000, 365 * 86_400_000), env.EGEC_PASSWORD_UNUSED_TTL, undefined);
  const metricsPort = check('EGEC_METRICS_PORT', port, env.EGEC_METRICS_PORT, undefined);
  const metricsHost = optional(env.EGEC_METRICS_HOST) ?? '127.0.0.1';
  const metricsToken = check('EGEC_METRICS_TOKEN', metricsTokenSchema, env.EGEC_METRICS_TOKEN, undefined);
  if (metricsPort !== undefined && metricsPort === portValue) errors.push('EGEC_METRICS_PORT: doit différer de EGEC_PORT');

  const totpRequired = check('EGEC_STAFF_TOTP_REQUIRED', staffRoleList, env.EGEC_STAFF_TOTP_REQUIRED, ['it', 'admin'] as StaffRole[]);

  const rawDatabase = optional(env.EGEC_DATABASE_URL);
  let database: DatabaseTarget = { kind: 'sqlite', file: path.join(dataDir, 'egec.sqlite') };
  if (rawDatabase !== undefined) {
    const parsed = parseDatabaseUrl(rawDatabase, cwd);
    if (typeof parsed === 'string') errors.push(`EGEC_DATABASE_URL: ${parsed} (reçu « ${printable(rawDatabase)} »)`);
    else database = parsed;
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: deepFreeze({
      database,
      dataDir,
      http: { host, port: portValue, publicUrl: new URL(publicUrl), trustProxy },
      logLevel: level,
      mail: { smtpUrl: smtpUrl === undefined ? undefined : new URL(smtpUrl), from, dkim, retryWindowMs, leaseMs, concurrency, connections },
      secret,
      supportContact,
      argon2: { memoryKib, timeCost, parallelism },
      timeZone,
      sessions: { idleTimeoutMs, absoluteTimeoutMs },
      brand: { name: brandName, logo: brandLogo, color: brandColor },
      redisUrl: redisUrl === undefined ? undefined : new URL(redisUrl),
      limits,
      loginLock,
      auditRetentionMs,
      activation: { revealUnknown },
      passwords: { replace, unusedTtlMs },
      metrics: { port: metricsPort, host: metricsHost, token: metricsToken },
      staff: { totpRequired },
    }),
  };
}

type Check = <T>(name: string, schema: z.ZodType<T>, raw: string | undefined, fallback: T) => T;

/** All three DKIM variables or none: a half-configured signature would fail silently at every mail. */
function loadDkim(env: Env, cwd: string, errors: string[], check: Check): DkimConfig | undefined {
  const names = ['EGEC_DKIM_DOMAIN', 'EGEC_DKIM_SELECTOR', 'EGEC_DKIM_KEY_FILE'] as const;
  const missing = names.filter((name) => optional(env[name]) === undefined);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0) {
    errors.push(`${missing.join(', ')}: EGEC_DKIM_DOMAIN, EGEC_DKIM_SELECTOR et EGEC_DKIM_KEY_FILE vont ensemble (manquant)`);
    return undefined;
  }
  const domain = check('EGEC_DKIM_DOMAIN', dkimDomain, env.EGEC_DKIM_DOMAIN, '');
  const selector = check('EGEC_DKIM_SELECTOR', dkimSelector, env.EGEC_DKIM_SELECTOR, '');
  const keyFile = path.resolve(cwd, optional(env.EGEC_DKIM_KEY_FILE) ?? '');
  const problem = dkimKeyProblem(keyFile);
  if (problem !== undefined) errors.push(`EGEC_DKIM_KEY_FILE: ${problem} (reçu « ${printable(keyFile)} »)`);
  return { domain, selector, keyFile };
}

const brandNameSchema = singleLine.max(80, '80 caractères au plus');

const brandColorSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, 'couleur attendue au format #rrggbb')
  .superRefine((v, ctx) => {
    const ratio = contrastWithWhite(v);
    if (ratio < 4.5) {
      ctx.addIssue({
        code: 'custom',
        message: `contraste insuffisant avec le texte blanc des boutons (${ratio.toFixed(1)}:1, au moins 4.5:1 pour WCAG AA) : choisissez une teinte plus foncée`,
      });
    }
  })
  .transform((v) => v.toLowerCase());

/** WCAG 2 contrast ratio between `#rrggbb` and white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml' };
/** The login page must stay under 50 kB in all: the logo gets at most 30 kB of it. */
const LOGO_MAX_BYTES = 30 * 1024;

function loadBrandLogo(file: string | undefined, cwd: string, errors: string[]): BrandConfig['logo'] {
  if (file === undefined) return undefined;
  const full = path.resolve(cwd, file);
  const contentType = LOGO_TYPES[path.extname(full).toLowerCase()];
  if (contentType === undefined) {
    errors.push(`EGEC_BRAND_LOGO: image .png, .jpg, .webp ou .svg attendue (reçu « ${printable(file)} »)`);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(full);
  } catch {
    errors.push(`EGEC_BRAND_LOGO: fichier illisible (reçu « ${printable(file)} »)`);
    return undefined;
  }
  if (bytes.length > LOGO_MAX_BYTES) {
    errors.push(`EGEC_BRAND_LOGO: ${Math.ceil(bytes.length / 1024)} ko, 30 ko au plus (la page d'identification doit rester légère sur téléphone)`);
    return undefined;
  }
  return { bytes, contentType };
}

/** Shows a bad value without echoing control characters or a whole pasted secret. */
function printable(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof URL) && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

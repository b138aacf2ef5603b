/**
 * The only reader of `process.env`: turns the environment into one typed, frozen `Config`.
 *
 * Every variable is validated once at start; a bad value yields one readable line naming the
 * variable, so the CLI can print them all and exit non-zero without a stack trace. The rest of
 * the code receives the parts of `Config` it needs and never looks at the environment.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import type { StaffRole } from './storage/schema.js';

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
  };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly mail: {
    /** `smtp://` or `smtps://`, optional user:password; absent = the embedded mailbox (trying eGEC). */
    readonly smtpUrl: URL | undefined;
    /** From header, e.g. `Cabinet Exemple <ne-pas-repondre@egec.pro>`. */
    readonly from: string;
  };
  /** Shown after « contacter le Service IT » (phone, address, hours). */
  readonly supportContact: string;
  /** argon2id cost; defaults are OWASP's minimum (m=19 MiB, t=2, p=1). */
  readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
  /** Time zone of dates shown to clients (mail numbers, last login). */
  readonly timeZone: string;
  readonly sessions: { readonly idleTimeoutMs: number; readonly absoluteTimeoutMs: number };
  /** Staff roles that must enrol a TOTP second factor to sign in to the back-office. */
  readonly staff: { readonly totpRequired: readonly StaffRole[] };
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

/** A duration such as `30m`, `12h`, `365d`, as milliseconds. */
export const duration = z.string().transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) ctx.addIssue({ code: 'custom', message: 'durée attendue, par exemple 90s, 30m, 12h ou 7d' });
  return ms ?? 0;
});

const timeZoneSchema = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, 'fuseau horaire IANA inconnu (ex. Europe/Paris)');

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
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
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
    errors.push(`${name}: ${parsed.error.issues[0]?.message ?? 'valeur invalide'} (reçu « ${printable(value)} »)`);
    return fallback;
  };

  const dataDir = path.resolve(cwd, optional(env.EGEC_DATA_DIR) ?? 'data');
  const portValue = check('EGEC_PORT', port, env.EGEC_PORT, 3000);
  const host = optional(env.EGEC_HOST) ?? '127.0.0.1';
  const publicUrl = check('EGEC_PUBLIC_URL', httpUrl, env.EGEC_PUBLIC_URL, `http://localhost:${portValue}`);
  const level = check('EGEC_LOG_LEVEL', logLevel, env.EGEC_LOG_LEVEL, 'info');

  const smtpUrl = check('EGEC_SMTP_URL', smtpUrlSchema, env.EGEC_SMTP_URL, undefined);
  const from = check('EGEC_MAIL_FROM', mailFrom, env.EGEC_MAIL_FROM, `eGEC <ne-pas-repondre@${publicHostname(publicUrl)}>`);
  const supportContact = check('EGEC_SUPPORT_CONTACT', singleLine, env.EGEC_SUPPORT_CONTACT, 'le Service IT du cabinet');
  const memoryKib = check('EGEC_ARGON2_MEMORY_KIB', integerAtLeast(19_456), env.EGEC_ARGON2_MEMORY_KIB, 19_456);
  const timeCost = check('EGEC_ARGON2_TIME_COST', integerAtLeast(2), env.EGEC_ARGON2_TIME_COST, 2);
  const parallelism = check('EGEC_ARGON2_PARALLELISM', integerAtLeast(1), env.EGEC_ARGON2_PARALLELISM, 1);
  const timeZone = check('EGEC_TIME_ZONE', timeZoneSchema, env.EGEC_TIME_ZONE, 'Europe/Paris');
  const idleTimeoutMs = check('EGEC_SESSION_IDLE_TIMEOUT', duration, env.EGEC_SESSION_IDLE_TIMEOUT, 30 * 60_000);
  const absoluteTimeoutMs = check('EGEC_SESSION_ABSOLUTE_TIMEOUT', duration, env.EGEC_SESSION_ABSOLUTE_TIMEOUT, 12 * 3_600_000);

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
      http: { host, port: portValue, publicUrl: new URL(publicUrl) },
      logLevel: level,
      mail: { smtpUrl: smtpUrl === undefined ? undefined : new URL(smtpUrl), from },
      supportContact,
      argon2: { memoryKib, timeCost, parallelism },
      timeZone,
      sessions: { idleTimeoutMs, absoluteTimeoutMs },
      staff: { totpRequired },
    }),
  };
}

/** Shows a bad value without echoing control characters or a whole pasted secret. */
function printable(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof URL)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

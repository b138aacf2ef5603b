/**
 * The audit log (ASVS V16): who did what, when, from where, kept in the database for the back
 * office and written to the pino logger for the operators' log pipeline.
 *
 * Never a password. Emails and malformed identifiants typed by someone are stored only as a keyed
 * hash (HMAC-SHA256 with a server key): the same address typed twice groups together, yet a
 * stolen database does not list the addresses people tried. User-controlled strings (user agent,
 * reasons, staff input) are escaped against log injection before they reach either place.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../clock.js';
import { normalizeTypedIdentifiant } from '../clients/identifiant.js';
import { escapeLogText, type Logger } from '../logging.js';
import { deriveSubkey } from '../secrets/secret-key.js';
import type { Db } from '../storage/database.js';

export type LoginFailureReason = 'unknown-identifiant' | 'wrong-password' | 'superseded-password' | 'expired-password' | 'locked' | 'disabled';
export type ActivationOutcome = 'matched' | 'unknown-email' | 'limited';
export type AuditedMailStatus = 'queued' | 'sent' | 'retrying' | 'failed' | 'superseded';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export type AuditEvent =
  | { readonly type: 'login.succeeded'; readonly identifiant: string }
  /** `identifiant` as typed: kept if it reads as ten digits, otherwise only its keyed hash. */
  | { readonly type: 'login.failed'; readonly identifiant: string; readonly reason: LoginFailureReason }
  /** One row per matched file; the email itself only as its keyed hash (absent when the form had none). */
  | { readonly type: 'activation.requested'; readonly email?: string; readonly outcome: ActivationOutcome; readonly identifiants?: readonly string[] }
  /** One row per client file whose password the mail carries (none for a notice). */
  | { readonly type: 'mail.status'; readonly mailId: number; readonly status: AuditedMailStatus; readonly identifiants?: readonly string[]; readonly error?: string }
  | { readonly type: 'session.ended'; readonly identifiant: string; readonly reason: string }
  | { readonly type: 'staff.action'; readonly staffId: string; readonly action: string; readonly identifiant?: string; readonly detail?: { readonly [key: string]: Json } };

export type AuditType = AuditEvent['type'];

/** Where the request came from; absent for the worker and the CLI. */
export interface AuditContext {
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  readonly staffId?: string | null;
}

export interface AuditDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** HMAC key for typed emails / identifiants (derived from the master key). */
  readonly key: Buffer;
  /** Set by `auditAfterCommit`: log lines wait for the transaction's commit. */
  readonly defer?: (log: () => void) => void;
}

/**
 * For audit rows written inside a transaction: the rows go in with it, their log lines wait until
 * `publish()` is called after the commit, so the log never tells of an event a rollback undid.
 */
export function auditAfterCommit(deps: AuditDeps): { within(tx: Db): AuditDeps; publish(): void } {
  const lines: (() => void)[] = [];
  return {
    within: (tx) => ({ ...deps, db: tx, defer: (log) => lines.push(log) }),
    publish() {
      for (const log of lines.splice(0)) log();
    },
  };
}

/** The HMAC key of `subjectHash`, derived from the master key (the same in every process). */
export function auditKey(masterKey: Buffer): Buffer {
  return deriveSubkey(masterKey, 'audit subjects v1');
}

/** The keyed hash stored for an email or identifiant someone typed; the back office searches with it. */
export function subjectHash(key: Buffer, typed: string): string {
  return createHmac('sha256', key).update(typed.trim().toLowerCase(), 'utf8').digest('hex');
}

export async function recordAudit(deps: AuditDeps, event: AuditEvent, context: AuditContext = {}): Promise<void> {
  await recordAudits(deps, [event], context);
}

/** Several events in one INSERT (the delivery worker records a batch of outcomes at once). */
export async function recordAudits(deps: AuditDeps, events: readonly AuditEvent[], context: AuditContext = {}): Promise<void> {
  const at = deps.clock.now();
  const entries = events.map((event) => {
    const { identifiants, subject, detail } = split(event);
    const safeDetail = escapeJson(detail);
    const entry = {
      at,
      type: event.type,
      staffId: clip(event.type === 'staff.action' ? event.staffId : context.staffId, 64),
      subjectHash: subject === undefined ? null : subjectHash(deps.key, subject),
      ip: clip(context.ip, 64),
      userAgent: clip(context.userAgent, 512),
    };
    return { entry, identifiants, safeDetail };
  });
  const rows = entries.flatMap(({ entry, identifiants, safeDetail }) => {
    const row = {
      at: entry.at,
      type: entry.type,
      staff_id: entry.staffId,
      subject_hash: entry.subjectHash,
      ip: entry.ip,
      user_agent: entry.userAgent,
      detail: JSON.stringify(safeDetail),
    };
    return (identifiants.length === 0 ? [null] : identifiants).map((identifiant) => ({ ...row, identifiant }));
  });
  if (rows.length === 0) return;
  await deps.db.insertInto('audit_event').values(rows).execute();
  const log = () => {
    for (const { entry, identifiants, safeDetail } of entries) deps.logger.info({ audit: { ...entry, identifiants, detail: safeDetail } }, `audit ${entry.type}`);
  };
  if (deps.defer === undefined) log();
  else deps.defer(log);
}

/** Which identifiants go to their column, what is hashed, and what stays as JSON detail. */
function split(event: AuditEvent): { identifiants: string[]; subject?: string; detail: { [key: string]: Json } } {
  switch (event.type) {
    case 'login.succeeded':
      return { identifiants: [event.identifiant], detail: {} };
    case 'login.failed': {
      const identifiant = normalizeTypedIdentifiant(event.identifiant);
      return identifiant === null
        ? { identifiants: [], subject: event.identifiant, detail: { reason: event.reason } }
        : { identifiants: [identifiant], detail: { reason: event.reason } };
    }
    case 'activation.requested':
      return { identifiants: [...(event.identifiants ?? [])], subject: event.email, detail: { outcome: event.outcome } };
    case 'mail.status':
      return {
        identifiants: [...(event.identifiants ?? [])],
        detail: { mailId: event.mailId, status: event.status, ...(event.error === undefined ? {} : { error: event.error.slice(0, 500) }) },
      };
    case 'session.ended':
      return { identifiants: [event.identifiant], detail: { reason: event.reason } };
    case 'staff.action':
      return { identifiants: event.identifiant === undefined ? [] : [event.identifiant], detail: { ...event.detail, action: event.action } };
  }
}

function clip(value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : escapeLogText(value).slice(0, max);
}

function escapeJson(value: Json): Json {
  if (typeof value === 'string') return escapeLogText(value);
  if (Array.isArray(value)) return value.map(escapeJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeLogText(k), escapeJson(v as Json)]));
  }
  return value;
}

/**
 * The short diagnosis on top of the Service IT's client page, computed from the history: what
 * blocks the client first (file disabled, account locked, never activated), then the state of the
 * mail that carries the live password, then what happened since it went out (tries with an older
 * mail's password, wrong passwords, last login). Pure: the page turns each finding into French.
 */
import { MAX_CONSECUTIVE_FAILURES } from '../../login/account-lock.js';
import type { ClientHistory, MailRecord } from './client-history.js';

export type Finding =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'locked'; readonly untilMs: number | null }
  | { readonly kind: 'never-activated' }
  /** The mail carrying the live password (absent if it was purged), and what happened since. */
  | { readonly kind: 'mail'; readonly mail: MailRecord | undefined; readonly since: readonly SinceFinding[] }
  /** Nothing blocks, the mail went out and no failed login since. */
  | { readonly kind: 'fine' };

export type SinceFinding =
  | { readonly kind: 'superseded-password'; readonly count: number }
  | { readonly kind: 'wrong-password'; readonly count: number }
  | { readonly kind: 'last-login'; readonly at: number }
  | { readonly kind: 'not-logged-in' };

export function diagnose(history: ClientHistory, now: number): Finding[] {
  const findings: Finding[] = [];
  if (history.client.status === 'disabled') findings.push({ kind: 'disabled' });
  const lock = history.lock;
  // As checkLock reads it: past the maximum, locked until a new activation, whatever the time.
  if (lock !== null && lock.failures >= MAX_CONSECUTIVE_FAILURES) findings.push({ kind: 'locked', untilMs: null });
  else if (lock?.lockedUntil != null && lock.lockedUntil > now) findings.push({ kind: 'locked', untilMs: lock.lockedUntil });
  const live = history.passwords[0];
  if (live === undefined) return [...findings, { kind: 'never-activated' }];

  const mail = history.mails.find((m) => m.id === live.mailId);
  const sinceMs = mail?.sentAt ?? live.issuedAt;
  const since = sinceFindings(history, sinceMs);
  const failed = since.some((f) => f.kind === 'superseded-password' || f.kind === 'wrong-password');
  if (findings.length === 0 && mail?.status === 'sent' && !failed) findings.push({ kind: 'fine' });
  return [...findings, { kind: 'mail', mail, since }];
}

function sinceFindings(history: ClientHistory, sinceMs: number): SinceFinding[] {
  const after = history.audit.filter((e) => e.at >= sinceMs);
  const failures = (reason: string) => after.filter((e) => e.type === 'login.failed' && e.detail.reason === reason).length;
  const found: SinceFinding[] = [];
  const superseded = failures('superseded-password');
  if (superseded > 0) found.push({ kind: 'superseded-password', count: superseded });
  const wrong = failures('wrong-password');
  if (wrong > 0) found.push({ kind: 'wrong-password', count: wrong });
  const login = after.find((e) => e.type === 'login.succeeded');
  found.push(login === undefined ? { kind: 'not-logged-in' } : { kind: 'last-login', at: login.at });
  return found;
}

/**
 * The tables as Kysely sees them. Times are integers: milliseconds since the epoch (UTC), the
 * same on SQLite and PostgreSQL (`bigint`, parsed back to numbers in `dialect.ts`), so a test
 * clock drives every expiry the same way on both.
 */
import type { Generated } from 'kysely';

export type ClientStatus = 'active' | 'disabled';
export type Civility = 'M.' | 'Mme';

export interface ClientTable {
  /** Exactly ten digits; never changes once the file exists. */
  identifiant: string;
  civility: Civility | null;
  name: string;
  /** As the firm entered it, for display and for the mail's To. */
  email: string;
  /** Trimmed and lower-cased: what activation matches on. */
  email_normalized: string;
  status: ClientStatus;
  /** The name folded for prefix search (`nameKey`), kept by the repository on every write. */
  name_key: string;
  created_at: number;
  updated_at: number;
}

/** Why a password stopped working. */
export type PasswordRetirement = 'superseded' | 'expired';

/**
 * Every password eGEC generated. Only argon2id hashes: the clear password lives only in the
 * (encrypted) outbox until its mail is sent. Retired rows are kept a while so the IT service can
 * see that a client typed the password of an earlier mail.
 */
export interface PasswordTable {
  id: AutoId;
  identifiant: string;
  hash: string;
  /** The outbox mail that carries it. */
  mail_id: number | null;
  issued_at: number;
  first_used_at: number | null;
  retired_at: number | null;
  retired_reason: PasswordRetirement | null;
}

export type MailStatus = 'queued' | 'sending' | 'sent' | 'retrying' | 'failed' | 'superseded';
export type MailKind = 'credentials' | 'notice';

/** The outbox: a mail is written in the same transaction as the change it announces. */
export interface MailTable {
  id: AutoId;
  kind: MailKind;
  /** As registered (display and To). */
  recipient: string;
  /** Trimmed, lower-cased: mails to one address go out in order, newest credentials win. */
  recipient_normalized: string;
  /** 1, 2, 3… per address: « Courriel n°3 ». */
  sequence: number;
  /** AES-256-GCM sealed message (subject, text, HTML); null once sent, failed or superseded. */
  sealed_content: string | null;
  status: MailStatus;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  smtp_response: string | null;
  message_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export type SessionSubjectKind = 'client' | 'staff';

/** Server-side sessions: only the SHA-256 of the cookie's token is stored (Lucia's design). */
export interface SessionTable {
  id_hash: string;
  /** Clients and staff share the mechanism, never a session: the kind is part of every lookup. */
  subject_kind: SessionSubjectKind;
  /** The client's identifiant, or the staff member's id. */
  subject_id: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute expiry; the idle timeout is measured from last_seen_at. */
  expires_at: number;
  ended_at: number | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

/**
 * Fixed-window rate-limit counters (when Redis is not configured). `key` is a SHA-256 of what is
 * counted (an email, an IP address), never the value itself.
 */
export interface RateCounterTable {
  bucket: string;
  key: string;
  points: number;
  window_ends_at: number;
}

/**
 * Consecutive failed logins per identifiant (known or not). A row exists only while there are
 * failures; a success or a new activation deletes it.
 */
export interface LoginLockTable {
  identifiant: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

/** Who did what, when, from where. Never a password; unknown emails only as a keyed hash. */
export interface AuditEventTable {
  id: AutoId;
  at: number;
  type: string;
  identifiant: string | null;
  staff_id: string | null;
  /** HMAC-SHA256 of an email or identifiant typed by someone, to group repeated tries. */
  subject_hash: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON object. */
  detail: string;
}

/** agent < it < admin: each role can do everything the previous one can. */
export type StaffRole = 'agent' | 'it' | 'admin';
/** `pending` until the member has chosen a password through the setup link. */
export type StaffStatus = 'pending' | 'active' | 'disabled';

/** The firm's staff, who sign in to the back-office; never mixed with clients. */
export interface StaffTable {
  id: AutoId;
  email: string;
  /** Trimmed, lower-cased, unique: what sign-in matches on. */
  email_normalized: string;
  role: StaffRole;
  status: StaffStatus;
  /** argon2id; null until setup. */
  password_hash: string | null;
  /** Base32 TOTP secret, stored in clear for now (to be sealed). Set at setup, kept once enrolled. */
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  /** The last accepted 30-second step: a code is never accepted twice. */
  totp_last_step: number | null;
  /** SHA-256 of the one-time setup link's token; null once used. */
  setup_token_hash: string | null;
  setup_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface Schema {
  client: ClientTable;
  staff: StaffTable;
  password: PasswordTable;
  mail: MailTable;
  session: SessionTable;
  rate_counter: RateCounterTable;
  login_lock: LoginLockTable;
  audit_event: AuditEventTable;
}

export type AutoId = Generated<number>;

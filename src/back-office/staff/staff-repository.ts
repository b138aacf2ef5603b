/**
 * Staff accounts. A member is added by an administrator (CLI or page) with an email and a role, and
 * receives a one-time setup link: a 256-bit random token, of which only the SHA-256 is stored, valid
 * 72 hours. The password and the TOTP secret are set on that page (staff-setup.ts). Disabling a
 * member ends their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { normalizeEmail } from '../../clients/client-fields.js';
import { endSessionsOf } from '../../sessions/session-store.js';
import type { Db } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/dialect.js';
import type { Selectable } from 'kysely';
import type { StaffRole, StaffStatus, StaffTable } from '../../storage/schema.js';

export type StaffRow = Selectable<StaffTable>;

export const SETUP_LINK_TTL_MS = 72 * 3_600_000;

export interface StaffMember {
  readonly id: number;
  readonly email: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly totpEnrolled: boolean;
  readonly createdAt: number;
}

export type AddStaffResult = { ok: true; member: StaffMember; setupToken: string } | { ok: false; reason: 'email-taken' };

export function hashSetupToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function setupPath(token: string): string {
  return `/admin/setup/${token}`;
}

export async function addStaff(db: Db, clock: Clock, email: string, role: StaffRole): Promise<AddStaffResult> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  try {
    const row = await db
      .insertInto('staff')
      .values({
        email: email.trim(),
        email_normalized: normalizeEmail(email),
        role,
        status: 'pending',
        password_hash: null,
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        setup_token_hash: hashSetupToken(token),
        setup_expires_at: now + SETUP_LINK_TTL_MS,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, member: toMember(row), setupToken: token };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'email-taken' };
    throw error;
  }
}

export async function findStaffRow(db: Db, id: number): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffRowByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
}

/** The member a live (unexpired, unused) setup link belongs to. */
export async function findStaffRowBySetupToken(db: Db, clock: Clock, token: string): Promise<StaffRow | undefined> {
  if (token.length === 0 || token.length > 100) return undefined;
  const row = await db.selectFrom('staff').selectAll().where('setup_token_hash', '=', hashSetupToken(token)).executeTakeFirst();
  if (!row || row.status === 'disabled' || row.setup_expires_at === null || clock.now() >= row.setup_expires_at) return undefined;
  return row;
}

export async function listStaff(db: Db): Promise<StaffMember[]> {
  return (await db.selectFrom('staff').selectAll().orderBy('email_normalized').execute()).map(toMember);
}

/** Refuses sign-in from now on and ends every open session of the member. */
export async function disableStaff(db: Db, clock: Clock, id: number): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ status: 'disabled', setup_token_hash: null, setup_expires_at: null, updated_at: clock.now() })
    .where('id', '=', id)
    .where('status', '!=', 'disabled')
    .executeTakeFirst();
  await endSessionsOf(db, clock, { kind: 'staff', id: String(id) }, 'staff-disabled');
  return Number(result.numUpdatedRows) > 0;
}

export function toMember(row: StaffRow): StaffMember {
  return {
    id: Number(row.id),
    email: row.email,
    role: row.role,
    status: row.status,
    totpEnrolled: row.totp_enrolled_at !== null,
    createdAt: row.created_at,
  };
}

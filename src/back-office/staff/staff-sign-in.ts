/**
 * Staff sign-in: email, password, and the TOTP code when the member enrolled one.
 * Security model: one answer (`invalid`) for an unknown email, a wrong password, a disabled account
 * or a wrong code, and an unknown email costs a full argon2 verification too. A TOTP step is
 * claimed atomically (`totp_last_step < step`), so a code — even intercepted — works once.
 * Throttling and locks belong to the security module, in front of this function.
 */
import type { Clock } from '../../clock.js';
import type { PasswordHasher } from '../../credentials/password-hasher.js';
import type { Db } from '../../storage/database.js';
import { findStaffRowByEmail, toMember, type StaffMember } from './staff-repository.js';
import type { StaffRole } from './staff-roles.js';
import { matchTotp } from './totp.js';

export interface SignInForm {
  readonly email: string;
  readonly password: string;
  readonly code: string;
}

/** `enrolment-required`: right password, but the role now needs a TOTP the member never enrolled. */
export type SignInResult = { ok: true; member: StaffMember } | { ok: false; reason: 'invalid' | 'enrolment-required' };

export async function signInStaff(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher; totpRequired: readonly StaffRole[] },
  form: SignInForm,
): Promise<SignInResult> {
  const { db, clock, hasher } = deps;
  const row = await findStaffRowByEmail(db, form.email);
  if (!row || row.status !== 'active' || row.password_hash === null) {
    await hasher.verifyUnknown(form.password);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await hasher.verify(row.password_hash, form.password))) return { ok: false, reason: 'invalid' };
  if (row.totp_enrolled_at === null || row.totp_secret === null) {
    return deps.totpRequired.includes(row.role) ? { ok: false, reason: 'enrolment-required' } : { ok: true, member: toMember(row) };
  }
  const step = matchTotp(row.totp_secret, form.code, clock.now());
  if (step === null) return { ok: false, reason: 'invalid' };
  const claimed = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return { ok: false, reason: 'invalid' };
  return { ok: true, member: toMember(row) };
}

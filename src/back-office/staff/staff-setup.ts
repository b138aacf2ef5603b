/**
 * The setup link's page: the member chooses a password and enrols a TOTP second factor (required for
 * the roles in `totpRequired`, optional otherwise), confirmed by one valid code. The link works once:
 * the final update only succeeds while the token's hash is still on the row.
 */
import type { Clock } from '../../clock.js';
import type { PasswordHasher } from '../../credentials/password-hasher.js';
import type { Db } from '../../storage/database.js';
import { checkStaffPassword, type PasswordVerdict } from './staff-password-policy.js';
import { findStaffRowBySetupToken, hashSetupToken, toMember, type StaffMember } from './staff-repository.js';
import type { StaffRole } from './staff-roles.js';
import { matchTotp, newTotpSecret } from './totp.js';

export interface SetupView {
  readonly member: StaffMember;
  readonly secret: string;
  readonly totpRequired: boolean;
}

/** The member behind a live link, with a TOTP secret kept across reloads of the page. */
export async function openSetup(db: Db, clock: Clock, token: string, totpRequired: readonly StaffRole[]): Promise<SetupView | undefined> {
  const row = await findStaffRowBySetupToken(db, clock, token);
  if (!row) return undefined;
  let secret = row.totp_secret;
  if (secret === null) {
    secret = newTotpSecret();
    await db.updateTable('staff').set({ totp_secret: secret }).where('id', '=', row.id).where('totp_secret', 'is', null).execute();
    secret = (await db.selectFrom('staff').select('totp_secret').where('id', '=', row.id).executeTakeFirst())?.totp_secret ?? secret;
  }
  return { member: toMember(row), secret, totpRequired: totpRequired.includes(row.role) };
}

export interface SetupForm {
  readonly password: string;
  readonly confirmation: string;
  readonly code: string;
}

export type SetupFailure = Extract<PasswordVerdict, { ok: false }>['reason'] | 'invalid-link' | 'code-required' | 'code-invalid';
export type SetupResult = { ok: true; member: StaffMember } | { ok: false; reason: SetupFailure };

export async function completeSetup(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher; commonPasswords: ReadonlySet<string>; totpRequired: readonly StaffRole[] },
  token: string,
  form: SetupForm,
): Promise<SetupResult> {
  const { db, clock } = deps;
  const view = await openSetup(db, clock, token, deps.totpRequired);
  if (!view) return { ok: false, reason: 'invalid-link' };
  const verdict = checkStaffPassword(form.password, form.confirmation, deps.commonPasswords);
  if (!verdict.ok) return verdict;
  const wantsTotp = view.totpRequired || form.code.trim() !== '';
  if (view.totpRequired && form.code.trim() === '') return { ok: false, reason: 'code-required' };
  const now = clock.now();
  const step = wantsTotp ? matchTotp(view.secret, form.code, now) : null;
  if (wantsTotp && step === null) return { ok: false, reason: 'code-invalid' };

  const passwordHash = await deps.hasher.hash(form.password);
  const result = await db
    .updateTable('staff')
    .set({
      status: 'active',
      password_hash: passwordHash,
      totp_secret: wantsTotp ? view.secret : null,
      totp_enrolled_at: wantsTotp ? now : null,
      totp_last_step: step,
      setup_token_hash: null,
      setup_expires_at: null,
      updated_at: now,
    })
    .where('id', '=', view.member.id)
    .where('setup_token_hash', '=', hashSetupToken(token))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'invalid-link' };
  return { ok: true, member: { ...view.member, status: 'active', totpEnrolled: wantsTotp } };
}

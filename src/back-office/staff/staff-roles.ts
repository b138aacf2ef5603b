/**
 * The three staff roles, ordered: an `it` member can do all an `agent` can, an `admin` all an `it`
 * can. `agent` keeps client files; `it` also diagnoses and unblocks; `admin` also manages staff.
 */
import type { StaffRole } from '../../storage/schema.js';

export type { StaffRole };
export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'it', 'admin'];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: StaffRole, minimum: StaffRole): boolean {
  return STAFF_ROLES.indexOf(actual) >= STAFF_ROLES.indexOf(minimum);
}

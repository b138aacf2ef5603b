import { describe, expect, it } from 'vitest';
import { checkStaffPassword, loadCommonPasswords } from './staff-password-policy.js';

describe('staff password policy', () => {
  const common = loadCommonPasswords();

  it('ships a deny-list of several thousand common passwords, lower-case', () => {
    expect(common.size).toBeGreaterThan(10_000);
    for (const known of ['password1234', 'azertyuiop123', 'motdepasse2024', '123456789012', 'qwertyuiop12']) expect(common.has(known), known).toBe(true);
  });

  it.each([
    ['onze-caract', 'too-short'],
    ['é'.repeat(11), 'too-short'],
    ['x'.repeat(129), 'too-long'],
    ['Password1234', 'common'],
    ['AZERTYUIOP123', 'common'],
    ['MotDePasse2024!', 'common'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(checkStaffPassword(password, password, common)).toEqual({ ok: false, reason });
  });

  it('accepts 12 characters that are not common, once confirmed identically', () => {
    expect(checkStaffPassword('cheval-agrafe-9', 'cheval-agrafe-9', common)).toEqual({ ok: true });
    expect(checkStaffPassword('é'.repeat(12), 'é'.repeat(12), common)).toEqual({ ok: true });
    expect(checkStaffPassword('cheval-agrafe-9', 'cheval-agrafe-8', common)).toEqual({ ok: false, reason: 'mismatch' });
  });
});

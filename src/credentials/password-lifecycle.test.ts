import { afterEach, describe, expect, it } from 'vitest';
import { queryAudit } from '../audit/audit-query.js';
import { dialects } from '../test-support/databases.js';
import { loginFixture, MINUTE, type LoginFixture } from '../test-support/login-fixture.js';
import type { PasswordPolicy } from './password-lifecycle.js';

const ID = '1234567890';
const EMAIL = 'dupont@example.fr';
const HOUR = 60 * MINUTE;

describe.each(dialects)('password lifecycle on %s', (kind) => {
  let f: LoginFixture | undefined;
  afterEach(async () => {
    await f?.destroy();
    f = undefined;
  });
  async function start(passwords: PasswordPolicy): Promise<LoginFixture> {
    f = await loginFixture(kind, { passwords });
    await f.addClient(ID, EMAIL);
    return f;
  }
  const works = async (password: string) => (await f!.login(ID, password)).ok;
  const lastReason = async () => (await queryAudit(f!.t.db, { identifiant: ID, limit: 1 })).events[0]?.detail.reason;

  it('immediate (default): a new mail kills the previous password at once, used or not', async () => {
    const f = await start({ replace: 'immediate', unusedTtlMs: undefined });
    await f.activate(EMAIL, 'Premier-1');
    expect(await works('Premier-1')).toBe(true);
    await f.activate(EMAIL, 'Second-22');
    expect(await works('Premier-1')).toBe(false);
    expect(await lastReason()).toBe('superseded-password');
    expect(await works('Second-22')).toBe(true);
    f.clock.advance(365 * 24 * HOUR);
    expect(await works('Second-22')).toBe(true);
  });

  it('pending: the password in use keeps working until the new one is first used; only the last mail counts', async () => {
    const f = await start({ replace: 'pending', unusedTtlMs: undefined });
    await f.activate(EMAIL, 'Premier-1');
    expect(await works('Premier-1')).toBe(true);
    // Someone who knows the email presses ENVOYER twice: the client is not locked out.
    await f.activate(EMAIL, 'Second-22');
    await f.activate(EMAIL, 'Third-333');
    expect(await works('Premier-1')).toBe(true);
    // The older pending password died with the newer mail.
    expect(await works('Second-22')).toBe(false);
    expect(await lastReason()).toBe('superseded-password');
    // The last mail's password works at once, and its first use retires the one it replaces.
    expect(await works('Third-333')).toBe(true);
    expect(await works('Premier-1')).toBe(false);
    expect(await works('Third-333')).toBe(true);
  });

  it('pending: a file never logged into keeps only its newest password', async () => {
    const f = await start({ replace: 'pending', unusedTtlMs: undefined });
    await f.activate(EMAIL, 'Premier-1');
    await f.activate(EMAIL, 'Second-22');
    expect(await works('Premier-1')).toBe(false);
    expect(await works('Second-22')).toBe(true);
  });

  it('unused TTL: a password never used expires; once used, it does not', async () => {
    const f = await start({ replace: 'immediate', unusedTtlMs: 24 * HOUR });
    await f.activate(EMAIL, 'Premier-1');
    f.clock.advance(24 * HOUR - 1);
    expect(await works('Premier-1')).toBe(true);
    f.clock.advance(48 * HOUR);
    expect(await works('Premier-1')).toBe(true);

    await f.activate(EMAIL, 'Second-22');
    f.clock.advance(24 * HOUR);
    expect(await works('Second-22')).toBe(false);
    expect(await lastReason()).toBe('expired-password');
  });

  it('pending with a TTL: the expired new password leaves the one in use working', async () => {
    const f = await start({ replace: 'pending', unusedTtlMs: HOUR });
    await f.activate(EMAIL, 'Premier-1');
    expect(await works('Premier-1')).toBe(true);
    await f.activate(EMAIL, 'Second-22');
    f.clock.advance(HOUR);
    expect(await works('Second-22')).toBe(false);
    expect(await works('Premier-1')).toBe(true);
  });
});

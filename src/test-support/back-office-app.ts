/**
 * The whole web server on a test database, and staff members set up through the real setup flow
 * (password and, for it/admin, TOTP), for back-office tests. `useBackOfficeApp` gives a `describe`
 * its database, clock and server, with the hooks that open and close them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { completeSetup, openSetup } from '../back-office/staff/staff-setup.js';
import { addStaff, type StaffMember } from '../back-office/staff/staff-repository.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import { loadCommonPasswords } from '../back-office/staff/staff-password-policy.js';
import type { StaffRole } from '../back-office/staff/staff-roles.js';
import { totpCode } from '../back-office/staff/totp.js';
import { useFreshDatabase, type TestDatabase, type TestDialect } from './databases.js';
import { WebClient } from './web-client.js';
import { testConfig, testWebServer } from './web-server.js';
import { ManualClock } from './manual-clock.js';

export const TOTP_STEP_MS = 30_000;

export interface BackOfficeTestbed {
  readonly t: TestDatabase;
  readonly clock: ManualClock;
  /** The server, open from the first hook registered after this call to the end of the describe. */
  app(): FastifyInstance;
}

/** A fresh database, a manual clock and the server on them for the enclosing `describe`. */
export function useBackOfficeApp(kind: TestDialect, extra: Record<string, string> = {}): BackOfficeTestbed {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await testWebServer(t, clock, extra);
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    t,
    clock,
    app() {
      if (!app) throw new Error('the back-office server starts in beforeAll: use it in hooks and tests');
      return app;
    },
  };
}

export interface TestStaff {
  readonly member: StaffMember;
  readonly password: string;
  /** Null when the member did not enrol TOTP. */
  readonly secret: string | null;
}

/** Adds a member and completes their setup; TOTP is enrolled for it/admin (the default policy). */
export async function setUpStaff(t: TestDatabase, clock: ManualClock, email: string, role: StaffRole): Promise<TestStaff> {
  const config = testConfig(t);
  const added = await addStaff(t.db, clock, email, role);
  if (!added.ok) throw new Error(`cannot add ${email}`);
  const view = await openSetup(t.db, clock, added.setupToken, config.staff.totpRequired);
  if (!view) throw new Error('no setup view');
  const password = `phrase de passe ${role} ${email}`;
  const code = view.totpRequired ? totpCode(view.secret, clock.now()) : '';
  const deps = { db: t.db, clock, hasher: createArgon2Hasher(config.argon2), commonPasswords: loadCommonPasswords(), totpRequired: config.staff.totpRequired };
  const done = await completeSetup(deps, added.setupToken, { password, confirmation: password, code });
  if (!done.ok) throw new Error(`setup failed: ${done.reason}`);
  clock.advance(TOTP_STEP_MS);
  return { member: done.member, password, secret: view.totpRequired ? view.secret : null };
}

/** A browser signed in as the member through the real sign-in form (a fresh TOTP code if enrolled). */
export async function signedIn(app: FastifyInstance, clock: ManualClock, staff: TestStaff): Promise<WebClient> {
  const browser = new WebClient(app);
  await browser.get('/admin');
  const code = staff.secret === null ? '' : totpCode(staff.secret, clock.now());
  const login = await browser.post('/admin/login', { email: staff.member.email, password: staff.password, code });
  if (login.statusCode !== 303) throw new Error(`sign-in failed (${login.statusCode})`);
  clock.advance(TOTP_STEP_MS);
  return browser;
}

/**
 * The domain side of login on a real database, for lock, lifecycle and audit tests: the real
 * activation (with the passwords it will "generate" chosen by the test, so the test can type
 * them) and the guarded login, sharing one manual clock, a counting argon2id hasher and the audit
 * log. No web layer: the routes have their own tests.
 */
import { randomBytes } from 'node:crypto';
import { requestActivation } from '../activation/activation.js';
import { createClient } from '../clients/client-repository.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { PasswordPolicy } from '../credentials/password-lifecycle.js';
import { createLogger } from '../logging.js';
import type { LockPolicy } from '../login/account-lock.js';
import { guardedLogin, type GuardedLoginDeps, type GuardedLoginOutcome } from '../login/guarded-login.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { renderCredentialsMail } from '../mail/credentials-mail.js';
import { fr } from '../texts/fr.js';
import { freshDatabase, type TestDatabase, type TestDialect } from './databases.js';
import { ManualClock } from './manual-clock.js';

export const MINUTE = 60_000;
export const defaultLock: LockPolicy = { after: 10, firstMs: MINUTE, maxMs: 15 * MINUTE };
export const immediate: PasswordPolicy = { replace: 'immediate', unusedTtlMs: undefined };
export const meta = { ip: '203.0.113.7', userAgent: 'vitest' };

export interface LoginFixture {
  readonly t: TestDatabase;
  readonly clock: ManualClock;
  readonly deps: GuardedLoginDeps;
  /** argon2id verifications so far (real and dummy). */
  readonly verifications: () => number;
  addClient(identifiant: string, email: string): Promise<void>;
  /** ENVOYER for `email`, the mail carrying `password` for its (single) file. */
  activate(email: string, password: string): Promise<void>;
  login(identifiant: string, password: string): Promise<GuardedLoginOutcome>;
  destroy(): Promise<void>;
}

export async function loginFixture(
  kind: TestDialect,
  { passwords = immediate, lock = defaultLock }: { passwords?: PasswordPolicy; lock?: LockPolicy } = {},
): Promise<LoginFixture> {
  const t = await freshDatabase(kind);
  const clock = new ManualClock();
  const hasher = countingHasher(createArgon2Hasher());
  const audit = { db: t.db, clock, logger: createLogger('silent'), key: randomBytes(32) };
  const deps: GuardedLoginDeps = { db: t.db, clock, hasher, sessions: { idleTimeoutMs: 30 * MINUTE, absoluteTimeoutMs: 720 * MINUTE }, passwords, lock, audit };
  const sealer = createAesSealer(randomBytes(32));
  return {
    t,
    clock,
    deps,
    verifications: () => hasher.count,
    async addClient(identifiant, email) {
      const created = await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email }, identifiant);
      if (!created.ok) throw new Error(created.reason);
    },
    async activate(email, password) {
      const outcome = await requestActivation(
        {
          db: t.db,
          clock,
          hasher,
          generatePassword: () => password,
          passwords,
          sealer,
          composeMail: (content) => renderCredentialsMail({ ...content, timeZone: 'Europe/Paris', publicUrl: new URL('https://www.egec.pro'), texts: fr }),
          wakeMailer: () => {},
        },
        email,
      );
      if (outcome.kind !== 'sent') throw new Error(`activation: ${outcome.kind}`);
    },
    login: (identifiant, password) => guardedLogin(deps, identifiant, password, meta),
    destroy: () => t.destroy(),
  };
}

function countingHasher(real: PasswordHasher): PasswordHasher & { count: number } {
  const counting = {
    count: 0,
    hash: (password: string) => real.hash(password),
    verify: (hash: string, password: string) => {
      counting.count++;
      return real.verify(hash, password);
    },
    verifyUnknown: (password: string) => {
      counting.count++;
      return real.verifyUnknown(password);
    },
  };
  return counting;
}

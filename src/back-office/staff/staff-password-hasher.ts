/**
 * argon2id for staff passwords, behind the shared `PasswordHasher` interface so the credentials
 * module's implementation can replace this one in a single place (the back-office plugin).
 */
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config.js';
import type { PasswordHasher } from '../../credentials/password-hasher.js';

export function createArgon2Hasher(cost: Config['argon2']): PasswordHasher {
  // 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
  const options = { algorithm: 2, memoryCost: cost.memoryKib, timeCost: cost.timeCost, parallelism: cost.parallelism };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    verifyUnknown: async (password) => {
      dummy ??= hash('egec-dummy-password', options);
      await verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}

/**
 * The argon2id `PasswordHasher` (`@node-rs/argon2`: native, async, run off the event loop).
 * Costs come from the configuration (defaults are OWASP's minimum: m=19456 KiB, t=2, p=1) and are
 * written in each hash, so raising them later leaves older hashes verifiable.
 * `verifyUnknown` checks against a dummy hash made at creation with the same costs: an unknown
 * identifiant takes as long as a known one. A malformed stored hash verifies as false, never throws.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from './password-hasher.js';

export interface Argon2Costs {
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const owaspArgon2Costs: Argon2Costs = { memoryKib: 19_456, timeCost: 2, parallelism: 1 };

// `Algorithm` is an ambient const enum, not importable as a value under isolated modules.
const ARGON2ID = 2 as Algorithm;

export function createArgon2Hasher(costs: Argon2Costs = owaspArgon2Costs): PasswordHasher {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: costs.memoryKib,
    timeCost: costs.timeCost,
    parallelism: costs.parallelism,
  };
  const check = async (stored: string, password: string): Promise<boolean> => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  };
  const dummy = hash(randomBytes(18).toString('base64'), options);
  // Bad costs surface on the first real hash; do not crash the process before that.
  dummy.catch(() => undefined);

  return {
    hash: (password) => hash(password, options),
    verify: check,
    async verifyUnknown(password) {
      await check(await dummy, password);
      return false;
    },
  };
}

/**
 * argon2id hashing of client passwords (`@node-rs/argon2`, off the event loop).
 * Security model: only hashes are stored; `verifyUnknown` spends the same time as a real check so
 * that an unknown identifiant cannot be told from a known one by the response time.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Verifies against a dummy hash of the same cost; always false. */
  verifyUnknown(password: string): Promise<false>;
}

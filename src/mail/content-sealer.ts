/**
 * Seals outbox content at rest. A queued credentials mail holds clear passwords: the database
 * only ever sees the sealed form, and the sealed form is wiped once the mail is final.
 */
export interface ContentSealer {
  seal(plain: string): string;
  /** Returns null when the content cannot be opened (wrong key, tampered). */
  open(sealed: string): string | null;
}

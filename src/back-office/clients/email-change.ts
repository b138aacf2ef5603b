/**
 * The one place where a client file's address change is announced: when an edit changes the
 * (normalized) email, `ctx.emailChanged` runs inside the same transaction as the update, so the
 * outbox can queue a notice to the old address atomically (issue 6; wired when the outbox lands).
 */
import { normalizeEmail } from '../../clients/client-fields.js';
import type { OnClientChanged } from '../../clients/client-repository.js';

export function onAddressChange(notify: OnClientChanged): OnClientChanged {
  return async (tx, before, after) => {
    if (normalizeEmail(before.email) !== normalizeEmail(after.email)) await notify(tx, before, after);
  };
}

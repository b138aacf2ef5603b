import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, findClient, updateClient, type ClientFile } from '../../clients/client-repository.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { onAddressChange } from './email-change.js';

describe.each(dialects)('the email-change seam on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  beforeAll(async () => {
    await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: 'ancien@example.fr' }, '1234567890');
  });

  it('is called once with the old and new address, only when the address changes', async () => {
    const calls: [string, string][] = [];
    const notify = onAddressChange(async (_tx, before: ClientFile, after: ClientFile) => {
      calls.push([before.email, after.email]);
    });
    await updateClient(t.db, clock, '1234567890', { name: 'Dupont Jean' }, notify);
    await updateClient(t.db, clock, '1234567890', { email: 'ANCIEN@example.fr' }, notify);
    await updateClient(t.db, clock, '1234567890', { email: 'nouveau@example.fr' }, notify);
    expect(calls).toEqual([['ANCIEN@example.fr', 'nouveau@example.fr']]);
  });

  it('runs inside the update’s transaction: if the notice cannot be queued, the change is undone', async () => {
    const failing = onAddressChange(async (tx) => {
      await tx.selectFrom('client').select('identifiant').execute();
      throw new Error('outbox unavailable');
    });
    await expect(updateClient(t.db, clock, '1234567890', { email: 'autre@example.fr' }, failing)).rejects.toThrow('outbox unavailable');
    expect((await findClient(t.db, '1234567890'))?.email).toBe('nouveau@example.fr');
  });
});

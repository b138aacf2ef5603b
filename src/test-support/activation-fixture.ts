/**
 * Stands in for the activation (ENVOYER) in outbox tests: in one transaction it retires the live
 * passwords of every client file under the email, supersedes waiting credentials mails, enqueues a mail carrying a new
 * password and links the password row to it, the way activation does. The hash is a placeholder:
 * these tests are about delivery, not login.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ContentSealer } from '../mail/content-sealer.js';
import { normalizeEmail } from '../clients/client-fields.js';
import { enqueueMail, nextSequence, supersedeQueued } from '../mail/outbox.js';
import type { Db } from '../storage/database.js';

export interface FixtureMail {
  readonly mailId: number;
  readonly sequence: number;
  readonly password: string;
}

export async function simulateActivation(
  db: Db,
  deps: { clock: Clock; sealer: ContentSealer },
  { identifiant, email, password = randomBytes(6).toString('base64url') }: { identifiant: string; email: string; password?: string },
): Promise<FixtureMail> {
  return db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const recipient = normalizeEmail(email);
    await tx
      .updateTable('password')
      .set({ retired_at: now, retired_reason: 'superseded' })
      .where('identifiant', 'in', (eb) => eb.selectFrom('client').select('identifiant').where('email_normalized', '=', recipient))
      .where('retired_at', 'is', null)
      .execute();
    await supersedeQueued(tx, deps.clock, recipient);
    const sequence = await nextSequence(tx, recipient);
    const text = `Courriel n°${sequence}\nIdentifiant : ${identifiant}\nMot de passe : ${password}\n`;
    const message = { to: email, subject: `eGEC : courriel n°${sequence}`, text, html: `<pre>${text}</pre>` };
    const { id } = await enqueueMail(tx, deps, { kind: 'credentials', recipient: email, sequence, message });
    await tx.insertInto('password').values({ identifiant, hash: 'test-hash', mail_id: id, issued_at: now }).execute();
    return { mailId: id, sequence, password };
  });
}

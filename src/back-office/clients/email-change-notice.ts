/**
 * The notice to a client's OLD address when staff change it (issue 6): someone who took over the
 * file by changing its address is seen by the rightful owner. Queued through the outbox in the
 * same transaction as the change (kind `notice`, content sealed, the address's next number), and
 * audited as a queued mail. It says which file and when, never the new address.
 */
import { auditAfterCommit, recordAudit, type AuditDeps } from '../../audit/audit-log.js';
import { normalizeEmail } from '../../clients/client-fields.js';
import type { OnClientChanged } from '../../clients/client-repository.js';
import type { ContentSealer } from '../../mail/content-sealer.js';
import { enqueueMail, nextSequence, type Tx } from '../../mail/outbox.js';
import { fill } from '../../texts/fill.js';
import type { Texts } from '../../texts/index.js';
import { html } from '../../web/html.js';
import { formatDateTime } from '../../web/views/format.js';

export interface NoticeDeps {
  readonly sealer: ContentSealer;
  readonly audit: AuditDeps;
  readonly texts: Texts;
  readonly timeZone: string;
  readonly publicUrl: URL;
}

export function emailChangeNotice(deps: NoticeDeps): OnClientChanged {
  return async (db, before) => {
    // updateClient hands its transaction over as `Db`: the outbox needs it as the transaction it is.
    const tx = db as Tx;
    const t = deps.texts.backOffice.it.notice;
    const now = deps.audit.clock.now();
    const values: Record<string, string> = {
      identifiant: before.identifiant,
      date: formatDateTime(deps.texts, now, deps.timeZone),
      url: deps.publicUrl.href,
    };
    const text = fill(t.text, values);
    const recipient = before.email.trim();
    const sequence = await nextSequence(tx, normalizeEmail(recipient));
    const body = html`<!doctype html><html lang="${deps.texts.lang}"><body>${text.split('\n\n').map((p) => html`<p>${p}</p>`)}</body></html>`;
    const message = { to: recipient, subject: t.subject, text, html: body.value };
    const { id } = await enqueueMail(tx, { clock: deps.audit.clock, sealer: deps.sealer }, { kind: 'notice', recipient, sequence, message });
    const audited = auditAfterCommit(deps.audit);
    await recordAudit(audited.within(tx), { type: 'mail.status', mailId: id, status: 'queued', identifiants: [before.identifiant] });
    return audited.publish;
  };
}

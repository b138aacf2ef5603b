/**
 * GET /activation/envoye: the memo's confirmation after ENVOYER, reached by POST-redirect-GET so a
 * reload never sends a second mail. It learns which mail to report on from a short-lived sealed
 * cookie: nothing in the URL, nothing a visitor can forge to read another mail's progress. When
 * unknown addresses are hidden (EGEC_ACTIVATION_REVEAL_UNKNOWN=false) every address gets the same
 * cookie and the page shows no delivery progress, since an unknown address has no mail.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findMail } from '../../mail/outbox-status.js';
import { requestTexts } from '../locale.js';
import { seeOther, sendPage } from '../page-reply.js';
import { sentPage, type DeliveryProgress } from '../views/sent-page.js';
import type { WebDeps } from '../web-deps.js';

const SENT_COOKIE = 'egec_sent';
const SENT_PREFIX = 'sent:';
/** The same for every address: which mail, if any, is not said. */
const SENT_HIDDEN = 'sent:-';

/** After ENVOYER: remembers the mail to report on (`undefined`: say nothing), then the confirmation. */
export function showSent(reply: FastifyReply, deps: WebDeps, mailId: number | undefined): FastifyReply {
  const secure = deps.config.http.publicUrl.protocol === 'https:';
  const marker = mailId === undefined ? SENT_HIDDEN : `${SENT_PREFIX}${mailId}`;
  reply.setCookie(SENT_COOKIE, deps.cookieSealer.seal(marker), { path: '/activation', httpOnly: true, sameSite: 'lax', secure, maxAge: 30 * 60 });
  return seeOther(reply, '/activation/envoye');
}

export function activationSentRoute(app: FastifyInstance, deps: WebDeps): void {
  app.get('/activation/envoye', async (request, reply) => {
    const texts = requestTexts(request, reply);
    const opened = deps.cookieSealer.open(request.cookies[SENT_COOKIE] ?? '');
    if (opened === null || !opened.startsWith(SENT_PREFIX)) return seeOther(reply, '/activation');
    const mail = opened === SENT_HIDDEN ? undefined : await findMail(deps.db, Number(opened.slice(SENT_PREFIX.length)));
    return sendPage(reply, sentPage({ texts, timeZone: deps.config.timeZone, progress: mail && progressOf(mail) }));
  });
}

function progressOf(mail: { status: string; sentAt: number | null }): DeliveryProgress {
  if (mail.status === 'sent' && mail.sentAt !== null) return { state: 'accepted', at: mail.sentAt };
  if (mail.status === 'retrying' || mail.status === 'failed' || mail.status === 'superseded') return { state: mail.status };
  return { state: 'pending' };
}

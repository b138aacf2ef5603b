/**
 * The memo's « Activation du compte »: GET /activation (the panel), POST /activation (ENVOYER),
 * GET /activation/envoye (the memo's confirmation, reached by POST-redirect-GET so a reload never
 * sends a second mail). The confirmation page learns which mail to report on from a short-lived
 * sealed cookie: nothing in the URL, nothing a visitor can forge to read another mail's progress.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { InvalidEmail } from '../../activation/activation.js';
import { findMail } from '../../mail/outbox-status.js';
import type { Texts } from '../../texts/index.js';
import { clientMeta, formField } from '../form-fields.js';
import { requestTexts } from '../locale.js';
import { seeOther, sendPage } from '../page-reply.js';
import { activationPage, type ActivationView } from '../views/activation-page.js';
import { sentPage, type DeliveryProgress } from '../views/sent-page.js';
import type { WebDeps } from '../web-deps.js';

const SENT_COOKIE = 'egec_sent';
const SENT_PREFIX = 'sent:';

export function activationRoutes(app: FastifyInstance, deps: WebDeps): void {
  const https = deps.config.http.publicUrl.protocol === 'https:';
  const sentCookieOptions = { path: '/activation', httpOnly: true, sameSite: 'lax', secure: https, maxAge: 30 * 60 } as const;
  const page = (reply: FastifyReply, texts: Texts, status: number, view: Omit<ActivationView, 'texts' | 'csrfToken'> = {}) =>
    sendPage(reply, activationPage({ texts, csrfToken: reply.generateCsrf(), ...view }), status);

  app.get('/activation', async (request, reply) => page(reply, requestTexts(request, reply), 200));

  app.post('/activation', { preHandler: app.csrfProtection }, async (request, reply) => {
    const texts = requestTexts(request, reply);
    const email = formField(request.body, 'email');
    if (!email.ok) return page(reply, texts, 400, { formError: texts.fields.repeated });

    const outcome = await deps.requestActivation(email.value, texts, clientMeta(request));
    if (outcome.kind === 'invalid') {
      return page(reply, texts, 400, { email: email.value.slice(0, 320), emailError: invalidEmailText(texts, outcome.reason) });
    }
    if (outcome.kind === 'unknown') {
      return page(reply, texts, 200, { email: email.value.trim(), unknown: { supportContact: deps.config.supportContact } });
    }
    reply.setCookie(SENT_COOKIE, deps.cookieSealer.seal(`${SENT_PREFIX}${outcome.mailId}`), sentCookieOptions);
    return seeOther(reply, '/activation/envoye');
  });

  app.get('/activation/envoye', async (request, reply) => {
    const texts = requestTexts(request, reply);
    const opened = deps.cookieSealer.open(request.cookies[SENT_COOKIE] ?? '');
    if (opened === null || !opened.startsWith(SENT_PREFIX)) return seeOther(reply, '/activation');
    const mail = await findMail(deps.db, Number(opened.slice(SENT_PREFIX.length)));
    return sendPage(reply, sentPage({ texts, timeZone: deps.config.timeZone, progress: mail && progressOf(mail) }));
  });
}

function progressOf(mail: { status: string; sentAt: number | null }): DeliveryProgress {
  if (mail.status === 'sent' && mail.sentAt !== null) return { state: 'accepted', at: mail.sentAt };
  if (mail.status === 'retrying' || mail.status === 'failed' || mail.status === 'superseded') return { state: mail.status };
  return { state: 'pending' };
}

function invalidEmailText(texts: Texts, reason: InvalidEmail): string {
  const byReason: Record<InvalidEmail, string> = {
    empty: texts.fields.emailMissing,
    'too-long': texts.fields.emailTooLong,
    'control-characters': texts.fields.emailControl,
    malformed: texts.fields.emailMalformed,
  };
  return byReason[reason];
}

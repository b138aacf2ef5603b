/**
 * The memo's « Activation du compte »: GET /activation (the panel), POST /activation (ENVOYER),
 * then the confirmation (activation-sent.ts).
 *
 * Security model (SECURITY.md): ENVOYER is limited per IP address, then per typed address, in
 * shared counters, before anything is looked up: a refused request changes no password and sends
 * no mail (429, « Réessayez dans … »). Unknown addresses count like registered ones, so neither
 * the limit nor the counters' writes tell them apart. Answers that depend on whether the address
 * is on file are paced (answer-pacer.ts) past the argon2id work, so the response time does not
 * tell either. With EGEC_ACTIVATION_REVEAL_UNKNOWN=false an unknown address gets the success flow.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseTypedEmail, type InvalidEmail } from '../../activation/activation.js';
import { recordAudit } from '../../audit/audit-log.js';
import { normalizeEmail } from '../../clients/client-fields.js';
import type { Config } from '../../config.js';
import type { RateOutcome } from '../../security/rate-limits.js';
import type { Texts } from '../../texts/index.js';
import { answerPacer } from '../answer-pacer.js';
import { clientMeta, formField } from '../form-fields.js';
import { requestTexts } from '../locale.js';
import { sendPage } from '../page-reply.js';
import { activationPage, type ActivationView } from '../views/activation-page.js';
import { formatWait } from '../views/format.js';
import type { WebDeps } from '../web-deps.js';
import { activationSentRoute, showSent } from './activation-sent.js';

/**
 * Minimum time of an answer that depends on the address being on file: above one argon2id hash at
 * OWASP's minimum cost on a busy 2-core machine (20–200 ms measured), scaled with the configured
 * cost; the pacer raises it further while the machine is slower than that.
 */
function answerFloorMs(argon2: Config['argon2']): number {
  return Math.round(250 * Math.max(1, (argon2.memoryKib * argon2.timeCost) / (19_456 * 2)));
}

export function activationRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { revealUnknown } = deps.config.activation;
  const pacer = answerPacer(answerFloorMs(deps.config.argon2));
  const page = (reply: FastifyReply, texts: Texts, status: number, view: Omit<ActivationView, 'texts' | 'csrfToken'> = {}) =>
    sendPage(reply, activationPage({ texts, csrfToken: reply.generateCsrf(), ...view }), status);

  /** 429: nothing was done; says when to try again and how to reach the Service IT. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, texts: Texts, limit: RateOutcome & { allowed: false }) => {
    const typed = formField(request.body, 'email');
    const email = typed.ok ? normalizeEmail(typed.value) : undefined;
    await recordAudit(deps.audit, { type: 'activation.requested', outcome: 'limited', ...(email === undefined ? {} : { email }) }, clientMeta(request));
    reply.header('retry-after', String(Math.ceil(limit.retryAfterMs / 1000)));
    return page(reply, texts, 429, { limited: { wait: formatWait(texts, limit.retryAfterMs), supportContact: deps.config.supportContact } });
  };
  const invalid = (reply: FastifyReply, texts: Texts, typed: string, reason: InvalidEmail) =>
    page(reply, texts, 400, { email: typed.slice(0, 320), emailError: invalidEmailText(texts, reason) });

  app.get('/activation', async (request, reply) => page(reply, requestTexts(request, reply), 200));

  app.post('/activation', { preHandler: app.csrfProtection }, async (request, reply) => {
    const started = performance.now();
    const texts = requestTexts(request, reply);
    const meta = clientMeta(request);
    const perIp = await deps.limits.activationPerIp.consume(meta.ip ?? '');
    if (!perIp.allowed) return refuse(request, reply, texts, perIp);

    const email = formField(request.body, 'email');
    if (!email.ok) return page(reply, texts, 400, { formError: texts.fields.repeated });
    const parsed = parseTypedEmail(email.value);
    if (!parsed.ok) return invalid(reply, texts, email.value, parsed.reason);

    // Counted before the lookup, known or not: a registered address's mailbox cannot be flooded,
    // and a refusal says nothing about whether the address is on file.
    const perEmail = await deps.limits.activationPerEmail.consume(normalizeEmail(parsed.email));
    if (!perEmail.allowed) return refuse(request, reply, texts, perEmail);
    const outcome = await deps.requestActivation(parsed.email, texts, meta);
    if (outcome.kind === 'invalid') return invalid(reply, texts, email.value, outcome.reason);
    await pacer.pace(started);

    if (outcome.kind === 'unknown' && revealUnknown) {
      return page(reply, texts, 200, { email: email.value.trim(), unknown: { supportContact: deps.config.supportContact } });
    }
    return showSent(reply, deps, revealUnknown && outcome.kind === 'sent' ? outcome.mailId : undefined);
  });

  activationSentRoute(app, deps);
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

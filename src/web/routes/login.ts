/**
 * POST /login : identifiant + password → session cookie and the client space. Refusals: the
 * memo's « Identifiant et/ou m-d-p non reconnu(s) », the same for every reason (the reason goes to
 * the audit log); « Compte temporairement bloqué » while the identifiant is locked (SECURITY.md);
 * 429 with the time to retry once this address has spent its attempts (EGEC_LIMIT_LOGIN_IP).
 * The per-IP limit comes first, so a flood costs neither argon2 nor a database write beyond it.
 */
import type { FastifyInstance } from 'fastify';
import { clientCookie } from '../client-session.js';
import { clientMeta, formField } from '../form-fields.js';
import { requestTexts } from '../locale.js';
import { seeOther, sendPage } from '../page-reply.js';
import { formatWait } from '../views/format.js';
import { identificationPage, type IdentificationView } from '../views/identification-page.js';
import type { WebDeps } from '../web-deps.js';

export function loginRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.post('/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const texts = requestTexts(request, reply);
    const page = (status: number, extra: Omit<IdentificationView, 'texts' | 'csrfToken'>) =>
      sendPage(reply, identificationPage({ texts, csrfToken: reply.generateCsrf(), ...extra }), status);

    const throttle = await deps.limits.loginPerIp.consume(request.ip);
    if (!throttle.allowed) {
      reply.header('retry-after', String(Math.ceil(throttle.retryAfterMs / 1000)));
      request.log.warn({ ip: request.ip }, 'connexion limitée pour cette adresse');
      return page(429, { limited: { wait: formatWait(texts, throttle.retryAfterMs), supportContact: deps.config.supportContact } });
    }

    const identifiant = formField(request.body, 'identifiant');
    const password = formField(request.body, 'password');
    if (!identifiant.ok || !password.ok) return page(400, { errors: { form: texts.fields.repeated } });
    const errors = {
      identifiant: identifiant.value.trim() === '' ? texts.fields.identifiantMissing : undefined,
      password: password.value.trim() === '' ? texts.fields.passwordMissing : undefined,
    };
    if (errors.identifiant !== undefined || errors.password !== undefined) {
      return page(400, { identifiant: identifiant.value, errors });
    }

    const cookie = clientCookie(deps);
    const outcome = await deps.login(identifiant.value, password.value, clientMeta(request), request.cookies[cookie.name]);
    if (!outcome.ok) {
      if (outcome.reason === 'locked') return page(200, { identifiant: identifiant.value, locked: true });
      return page(200, { identifiant: identifiant.value, notRecognized: true });
    }
    reply.setCookie(cookie.name, outcome.token, cookie.options);
    return seeOther(reply, '/espace');
  });
}

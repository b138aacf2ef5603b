/**
 * POST /login : identifiant + password → session cookie and the client space, or the memo's
 * « Identifiant et/ou m-d-p non reconnu(s) », the same for every reason (the reason is logged).
 */
import type { FastifyInstance } from 'fastify';
import { clientCookie } from '../client-session.js';
import { clientMeta, formField } from '../form-fields.js';
import { requestTexts } from '../locale.js';
import { seeOther, sendPage } from '../page-reply.js';
import { identificationPage, type IdentificationView } from '../views/identification-page.js';
import type { WebDeps } from '../web-deps.js';

export function loginRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.post('/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const texts = requestTexts(request, reply);
    const page = (status: number, extra: Omit<IdentificationView, 'texts' | 'csrfToken'>) =>
      sendPage(reply, identificationPage({ texts, csrfToken: reply.generateCsrf(), ...extra }), status);

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

    const outcome = await deps.login(identifiant.value, password.value, clientMeta(request));
    if (!outcome.ok) {
      request.log.info({ reason: outcome.reason, identifiant: outcome.identifiant }, 'connexion refusée');
      return page(200, { identifiant: identifiant.value, notRecognized: true });
    }
    const cookie = clientCookie(deps);
    reply.setCookie(cookie.name, outcome.token, cookie.options);
    return seeOther(reply, '/espace');
  });
}

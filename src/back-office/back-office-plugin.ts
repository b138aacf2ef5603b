/**
 * The back-office, mounted at /admin as one encapsulated Fastify plugin: its own staff session
 * cookie, the role guard in front of every route, `Cache-Control: no-store` on every response (staff
 * pages show client data), and French 403/404/500 pages instead of Fastify's JSON errors.
 */
import type { FastifyInstance } from 'fastify';
import { sessionCookie } from '../sessions/session-cookie.js';
import { fr } from '../texts/fr.js';
import type { BackOfficeContext, BackOfficeDeps } from './back-office-context.js';
import { emailChangeNotice } from './clients/email-change-notice.js';
import { auditRoutes } from './routes/audit-browse.js';
import { clientDiagnosticRoutes } from './routes/client-diagnostic.js';
import { clientImportRoutes } from './routes/client-import.js';
import { mailQueueRoutes } from './routes/mail-queue.js';
import { clientCreateRoutes } from './routes/client-create.js';
import { clientEditRoutes } from './routes/client-edit.js';
import { clientListRoutes } from './routes/client-list.js';
import { setupRoutes } from './routes/setup.js';
import { signInRoutes } from './routes/sign-in.js';
import { staffAccountRoutes } from './routes/staff-accounts.js';
import { accessOf } from './route-access.js';
import { staffGuard } from './staff-guard.js';
import { sendBadRequest, sendForbidden, sendNotFound, sendServerError } from './views/error-page.js';

export async function backOfficePlugin(app: FastifyInstance, deps: BackOfficeDeps): Promise<void> {
  const ctx: BackOfficeContext = {
    db: deps.db,
    clock: deps.clock,
    hasher: deps.hasher,
    policy: deps.config.sessions,
    cookie: sessionCookie('staff', deps.config.http.publicUrl.protocol === 'https:'),
    publicUrl: deps.config.http.publicUrl,
    totpRequired: deps.config.staff.totpRequired,
    commonPasswords: deps.commonPasswords,
    emailChanged:
      deps.emailChanged ??
      emailChangeNotice({ sealer: deps.mailSealer, audit: deps.audit, texts: fr, timeZone: deps.config.timeZone, publicUrl: deps.config.http.publicUrl }),
    audit: deps.audit,
    requestActivation: deps.requestActivation,
    timeZone: deps.config.timeZone,
    loginPerIp: deps.limits.loginPerIp,
    lock: deps.config.loginLock,
  };
  app.decorateRequest('staff', null);
  // A route without an access rule is a programming error: refuse to start rather than serve it.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (accessOf(method, route.url) === undefined) throw new Error(`back-office route without access rule: ${method} ${route.url}`);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.addHook('preHandler', staffGuard(ctx));
  app.setNotFoundHandler((request, reply) => {
    request.staff = null;
    return sendNotFound(request, reply);
  });
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 403) return sendForbidden(request, reply);
    if (status >= 400 && status < 500) return sendBadRequest(request, reply, status);
    request.log.error({ err: error }, 'back-office error');
    return sendServerError(request, reply);
  });

  signInRoutes(app, ctx);
  setupRoutes(app, ctx);
  clientListRoutes(app, ctx);
  clientCreateRoutes(app, ctx);
  clientEditRoutes(app, ctx);
  staffAccountRoutes(app, ctx);
  clientDiagnosticRoutes(app, ctx);
  mailQueueRoutes(app, ctx);
  auditRoutes(app, ctx);
  clientImportRoutes(app, ctx);
}

/**
 * Fastify assembly: plugins and routes, nothing else. Everything the routes need is passed in.
 */
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { backOfficePlugin } from '../back-office/back-office-plugin.js';
import { loadCommonPasswords } from '../back-office/staff/staff-password-policy.js';
import type { Logger } from '../logging.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { AccessLog } from './access-log.js';
import { registerMetrics } from './metrics-route.js';
import { registerOriginCheck } from './origin-check.js';
import { registerErrorPages } from './error-pages.js';
import { activationRoutes } from './routes/activation.js';
import { clientSpaceRoutes } from './routes/client-space.js';
import { healthRoutes } from './routes/health.js';
import { identificationRoutes } from './routes/identification.js';
import { loginRoutes } from './routes/login.js';
import { mailboxRoutes } from './routes/mailbox.js';
import { registerBrand } from './brand.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { WebDeps } from './web-deps.js';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

export interface ServerDeps extends WebDeps {
  readonly logger: Logger;
  /** The back-office seals the notices it queues (as activation does) and keys the audit log. */
  readonly masterKey: Buffer;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new AccessLog(),
    // Shutdown: refuse new requests, let the ones in flight finish, drop idle keep-alives.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    bodyLimit: 64 * 1024,
    // request.ip comes from X-Forwarded-For only when the sender is a trusted proxy (EGEC_TRUST_PROXY).
    trustProxy: typeof deps.config.http.trustProxy === 'boolean' ? deps.config.http.trustProxy : [...deps.config.http.trustProxy],
  });
  const https = deps.config.http.publicUrl.protocol === 'https:';
  registerMetrics(app, deps.metrics, deps.config.metrics.token);
  registerSecurityHeaders(app, https);
  registerOriginCheck(app, deps.config.http.publicUrl);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(cookie);
  // The CSRF secret lives in its own HttpOnly cookie; forms carry the token as `_csrf`.
  await app.register(csrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: https } });
  registerBrand(app, deps.config.brand);
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', index: false, maxAge: '1h' });
  registerErrorPages(app);
  healthRoutes(app, deps.db);
  identificationRoutes(app);
  loginRoutes(app, deps);
  activationRoutes(app, deps);
  clientSpaceRoutes(app, deps);
  // The built-in mailbox exists only while no SMTP server is configured (trying eGEC).
  if (deps.config.mail.smtpUrl === undefined) mailboxRoutes(app, deps);
  await app.register(backOfficePlugin, {
    prefix: '/admin',
    ...deps,
    commonPasswords: loadCommonPasswords(),
    mailSealer: createAesSealer(deps.masterKey),
    audit: deps.audit,
  });
  return app;
}

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
import { createArgon2Hasher } from '../back-office/staff/staff-password-hasher.js';
import { loadCommonPasswords } from '../back-office/staff/staff-password-policy.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import type { Db } from '../storage/database.js';
import { healthRoutes } from './routes/health.js';
import { registerSecurityHeaders } from './security-headers.js';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

export interface ServerDeps {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Shutdown: refuse new requests, let the ones in flight finish, drop idle keep-alives.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    bodyLimit: 64 * 1024,
  });
  const https = deps.config.http.publicUrl.protocol === 'https:';
  await registerSecurityHeaders(app, https);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(cookie);
  // The CSRF secret lives in its own HttpOnly cookie; forms carry the token as `_csrf`.
  await app.register(csrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: https } });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', index: false, maxAge: '1h' });
  healthRoutes(app, deps.db);
  await app.register(backOfficePlugin, { prefix: '/admin', ...deps, hasher: createArgon2Hasher(deps.config.argon2), commonPasswords: loadCommonPasswords() });
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="fr"><meta charset="utf-8"><title>eGEC</title><h1>eGEC</h1></html>'),
  );
  return app;
}

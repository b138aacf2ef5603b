/**
 * Fastify assembly: plugins and routes, nothing else. Everything the routes need is passed in.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import type { Db } from '../storage/database.js';
import { healthRoutes } from './routes/health.js';

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
  healthRoutes(app, deps.db);
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="fr"><meta charset="utf-8"><title>eGEC</title><h1>eGEC</h1></html>'),
  );
  return app;
}

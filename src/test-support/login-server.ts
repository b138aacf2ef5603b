/**
 * The web server on a test database with client files whose password the test knows (stored as
 * a real argon2id hash, as activation would), for HTTP tests of login and sessions.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../clock.js';
import { createClient } from '../clients/client-repository.js';
import { loadConfig, type Env } from '../config.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import { tempDir, type TestDatabase } from './databases.js';
import { webServerFor } from './test-portal.js';
import type { WebClient } from './web-client.js';

export async function addClientsWithPassword(t: TestDatabase, clock: Clock, identifiants: readonly string[], password: string): Promise<void> {
  const hash = await createArgon2Hasher().hash(password);
  for (const id of identifiants) {
    const created = await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: `${id}@example.fr` }, id);
    if (!created.ok) throw new Error(created.reason);
    await t.db.insertInto('password').values({ identifiant: id, hash, mail_id: null, issued_at: clock.now() }).execute();
  }
}

export async function loginServer(t: TestDatabase, clock: Clock, env: Env = {}, redisPrefix?: string): Promise<FastifyInstance> {
  const loaded = loadConfig({ EGEC_DATA_DIR: tempDir(), EGEC_PUBLIC_URL: 'http://egec.test', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return webServerFor(loaded.config, t.db, clock, redisPrefix);
}

/** Opens the identification page (for its CSRF token) and submits it. */
export async function logIn(browser: WebClient, identifiant: string, password: string): Promise<LightMyRequestResponse> {
  await browser.get('/');
  return browser.post('/login', { identifiant, password });
}

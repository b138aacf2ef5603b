/**
 * The web server alone (no mail worker) on a test database, for HTTP tests of login, sessions and
 * the back-office: one test configuration (a data folder of its own, silent, `env` on top), client
 * files whose password the test knows (stored as a real argon2id hash, as activation would), and
 * the identification form filled in as a client does.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../clock.js';
import { createClient } from '../clients/client-repository.js';
import { loadConfig, type Config, type Env } from '../config.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import { tempDir, type TestDatabase } from './databases.js';
import { webServerFor } from './test-portal.js';
import type { WebClient } from './web-client.js';

export function testConfig(t: TestDatabase, env: Env = {}): Config {
  const loaded = loadConfig({
    EGEC_DATA_DIR: tempDir(),
    EGEC_DATABASE_URL: t.url,
    EGEC_PUBLIC_URL: 'http://egec.test',
    EGEC_LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.config;
}

/** Servers given the same `redisPrefix` share their Redis counters, as eGEC instances do. */
export async function testWebServer(t: TestDatabase, clock: Clock, env: Env = {}, redisPrefix?: string): Promise<FastifyInstance> {
  return webServerFor(testConfig(t, env), t.db, clock, redisPrefix);
}

export async function addClientsWithPassword(t: TestDatabase, clock: Clock, identifiants: readonly string[], password: string): Promise<void> {
  const hash = await createArgon2Hasher().hash(password);
  for (const id of identifiants) {
    const created = await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: `${id}@example.fr` }, id);
    if (!created.ok) throw new Error(created.reason);
    await t.db.insertInto('password').values({ identifiant: id, hash, mail_id: null, issued_at: clock.now() }).execute();
  }
}

/** Opens the identification page (for its CSRF token) and submits it. */
export async function logIn(browser: WebClient, identifiant: string, password: string): Promise<LightMyRequestResponse> {
  await browser.get('/');
  return browser.post('/login', { identifiant, password });
}

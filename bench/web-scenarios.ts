/**
 * The portal's own requests under load, each a scenario from the memo: the identification page
 * (GET /), ENVOYER with a known email, a login with the mailed password, a failed login. Each
 * takes a running `egec serve` and returns autocannon's figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mailedCredentials } from '../src/test-support/mailed-credentials.js';
import type { SmtpSink } from '../src/test-support/smtp-sink.js';
import { emailOf, identifiantOf } from './client-files.js';
import { scrape, type EgecServer } from './egec-server.js';
import { form, formSession, load, type LoadResult } from './load.js';

export interface Load {
  readonly durationS: number;
  readonly connections: number;
}

export async function identificationPage(server: EgecServer, options: Load): Promise<LoadResult> {
  return load(server.url('/'), { ...options, expectStatus: 200 });
}

/** Headers the HTTP layer writes by itself, left to the bare server's own. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** Bare Fastify in its own process sending the bytes (headers and body) egec's GET / sent. */
export async function bareFastify(server: EgecServer, options: Load, dir: string): Promise<LoadResult> {
  const file = path.join(dir, 'identification.json');
  const response = await fetch(server.url('/'));
  const headers: Record<string, string | string[]> = { 'set-cookie': response.headers.getSetCookie() };
  for (const [name, value] of response.headers) if (!TRANSPORT_HEADERS.has(name) && name !== 'set-cookie') headers[name] = value;
  const body = Buffer.from(await response.arrayBuffer()).toString('base64');
  fs.writeFileSync(file, JSON.stringify({ headers, body }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
      child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
    });
    return await load(new URL(`http://127.0.0.1:${port}/`), { ...options, expectStatus: 200 });
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * Answers to ENVOYER are paced (src/web/answer-pacer.ts: none leaves before ~250 ms), so at a fixed
 * concurrency the rate would measure the pacing, not the work: this many requests stay in flight,
 * enough to keep the hashing busy at about 200 hashes/s.
 */
export const ACTIVATION_CONNECTIONS = 64;

/** ENVOYER for known emails, one client file after another (each: a hash, a transaction, a mail queued). */
export async function activations(server: EgecServer, options: Load, rows: number): Promise<LoadResult> {
  const { cookie, csrf } = await formSession(server.url('/activation'));
  const bodies = Array.from({ length: Math.min(rows, 5000) }, (_, i) => form({ _csrf: csrf, email: emailOf(i) }));
  const connections = Math.max(options.connections, ACTIVATION_CONNECTIONS);
  return load(server.url('/activation'), { ...options, connections, method: 'POST', headers: { cookie }, bodies, expectStatus: 303 });
}

/** Presses ENVOYER for file `i` once the outbox is empty, and reads the password from its mail. */
export async function mailedPassword(server: EgecServer, sink: SmtpSink, i: number): Promise<string> {
  await outboxDrained(server);
  const before = sink.messages.length;
  const { cookie, csrf } = await formSession(server.url('/activation'));
  const sent = await fetch(server.url('/activation'), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: csrf, email: emailOf(i) }),
  });
  if (sent.status !== 303) throw new Error(`activation answered ${sent.status}`);
  const mails = (await sink.waitForMessages(before + 1, 60_000)).slice(before);
  const password = mails.map((m) => mailedCredentials(m.parsed.text ?? '').get(identifiantOf(i))).find((p) => p !== undefined);
  if (password === undefined) throw new Error(`no mail for file ${i}`);
  return password;
}

export async function outboxDrained(server: EgecServer): Promise<void> {
  const end = Date.now() + 300_000;
  for (;;) {
    const waiting = await Promise.all(['queued', 'sending', 'retrying'].map((s) => scrape(server, `egec_outbox_mails{status="${s}"}`)));
    if (waiting.every((n) => n === 0)) return;
    if (Date.now() > end) throw new Error('the outbox did not drain within 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function validLogins(server: EgecServer, options: Load, identifiant: string, password: string): Promise<LoadResult> {
  const { cookie, csrf } = await formSession(server.url('/'));
  const bodies = [form({ _csrf: csrf, identifiant, password })];
  return load(server.url('/login'), { ...options, method: 'POST', headers: { cookie }, bodies, expectStatus: 303 });
}

/** Wrong passwords spread over many files, so no file reaches the lock (which would skip the hash). */
export async function failedLogins(server: EgecServer, options: Load, rows: number): Promise<LoadResult> {
  const { cookie, csrf } = await formSession(server.url('/'));
  const bodies = Array.from({ length: Math.min(rows, 5000) }, (_, i) => form({ _csrf: csrf, identifiant: identifiantOf(i), password: 'pas-le-bon' }));
  return load(server.url('/login'), { ...options, method: 'POST', headers: { cookie }, bodies, expectStatus: 200 });
}

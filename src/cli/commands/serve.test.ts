import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { dialects, tempDir, useFreshDatabase } from '../../test-support/databases.js';
import { startEgec } from '../../test-support/egec-binary.js';
import { freePort } from '../../test-support/free-port.js';

describe.each(dialects)('egec serve on %s', (kind) => {
  const t = useFreshDatabase(kind, { migrate: false });

  it('migrates, serves, and on SIGTERM finishes the request in flight before exiting 0', async () => {
    const port = await freePort();
    const child = startEgec(['serve'], { EGEC_DATABASE_URL: t.url, EGEC_DATA_DIR: tempDir(), EGEC_PORT: String(port), EGEC_LOG_LEVEL: 'debug' });
    let log = '';
    const logged = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (log.includes(text)) resolve();
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`egec serve exited (${code}) before logging ${text}:\n${log}`)));
        check();
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    await logged('eGEC prêt');
    // Housekeeping (old audit events, expired counters) runs inside serve from the start.
    await logged('ménage fait');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);

    // A POST whose body arrives in two parts: the server holds it open until the second part.
    const body = '{"slow":"request"}';
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/en-cours', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 8));
    await logged('/en-cours');

    child.kill('SIGTERM');
    await logged('arrêt demandé');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    request.end(body.slice(8));

    expect(await response).toEqual({ status: 404, body: expect.stringContaining("Cette page n&#39;existe pas.") });
    expect(await exited).toBe(0);
    expect(log).toContain('arrêté');
  });
});

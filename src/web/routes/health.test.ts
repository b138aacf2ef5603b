import { describe, expect, it } from 'vitest';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { testWebServer } from '../../test-support/web-server.js';

describe.each(dialects)('health routes on %s', (kind) => {
  const t = useFreshDatabase(kind);

  const server = () => testWebServer(t, new ManualClock());

  it('/healthz answers 200 and is never cached', async () => {
    const app = await server();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
    await app.close();
  });

  it('/readyz answers 200 while the database answers, 503 once it is closed', async () => {
    const app = await server();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    await t.db.destroy();
    const gone = await app.inject({ method: 'GET', url: '/readyz' });
    expect(gone.statusCode).toBe(503);
    expect(gone.json()).toEqual({ status: 'database unreachable' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});

/**
 * Security headers (issue 5, point 5) on every page a client or staff member sees, signed in or not:
 * a CSP without 'unsafe-inline' that allows no plugin, no <base> and no framing, nosniff, a
 * referrer policy, `Cache-Control: no-store` on form and authenticated pages; HSTS only over https.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { sessionCookie } from '../sessions/session-cookie.js';
import { createSession } from '../sessions/session-store.js';
import { setUpStaff } from '../test-support/back-office-app.js';
import { testConfig } from '../test-support/web-server.js';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { webServerFor } from '../test-support/test-portal.js';

const PAGES = ['/', '/activation', '/espace', '/admin/clients', '/admin/clients/1234567890', '/admin/mail-queue', '/admin/audit', '/admin/import', '/admin/staff'];

describe.each(dialects)('security headers on %s', (kind) => {
  let t: TestDatabase;
  const apps: FastifyInstance[] = [];
  const clock = new ManualClock();
  let cookie = '';
  beforeAll(async () => {
    t = await freshDatabase(kind);
    await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: 'dupont@example.fr' }, '1234567890');
    const admin = await setUpStaff(t, clock, 'admin@cabinet.fr', 'admin');
    const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };
    const meta = { ip: null, userAgent: null };
    const client = await createSession(t.db, clock, { kind: 'client', id: '1234567890' }, policy, meta);
    const staff = await createSession(t.db, clock, { kind: 'staff', id: String(admin.member.id) }, policy, meta);
    cookie = `${sessionCookie('client', false).name}=${client.token}; ${sessionCookie('staff', false).name}=${staff.token}`;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t?.destroy();
  });
  const server = async (publicUrl: string) => {
    const app = await webServerFor(testConfig(t, { EGEC_PUBLIC_URL: publicUrl }), t.db, clock);
    apps.push(app);
    return app;
  };

  it('every page, signed in or not: strict CSP, nosniff, referrer policy, no framing, no-store; no HSTS over http', async () => {
    const app = await server('http://egec.test');
    const answers = [
      ...(await Promise.all(PAGES.map((url) => app.inject({ method: 'GET', url, headers: { cookie } })))),
      await app.inject({ method: 'POST', url: '/activation', payload: 'email=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      await app.inject({ method: 'GET', url: '/admin' }),
      await app.inject({ method: 'GET', url: '/nulle-part' }),
    ];
    for (const answer of answers) {
      const where = `${answer.statusCode} ${String(answer.raw.req.url)}`;
      const csp = String(answer.headers['content-security-policy']);
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
      expect(directives.get('default-src'), where).toBe("'self'");
      expect(directives.get('object-src'), where).toBe("'none'");
      expect(directives.get('base-uri'), where).toBe("'none'");
      expect(directives.get('frame-ancestors'), where).toBe("'none'");
      expect(directives.get('script-src'), where).toBe("'self'");
      expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(answer.headers['x-content-type-options'], where).toBe('nosniff');
      expect(answer.headers['referrer-policy'], where).toBe('same-origin');
      expect(answer.headers['x-frame-options'], where).toBe('DENY');
      expect(answer.headers['cache-control'], where).toBe('no-store');
      expect(answer.headers['strict-transport-security'], where).toBeUndefined();
    }
    // Signed in for real: the pages behind the sessions were served, not the sign-in redirects.
    expect(answers.slice(0, PAGES.length).map((a) => a.statusCode)).toEqual(PAGES.map(() => 200));
  });

  it('over https: HSTS for a year with subdomains, and insecure requests upgraded', async () => {
    const app = await server('https://portail.example.fr');
    for (const url of ['/', '/activation', '/admin']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(answer.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    }
  });
});

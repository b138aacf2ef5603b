import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../audit/audit-query.js';
import { createClient } from '../clients/client-repository.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { enqueueMail } from '../mail/outbox.js';
import { sessionCookie } from '../sessions/session-cookie.js';
import { createSession } from '../sessions/session-store.js';
import { setUpStaff, type TestStaff, useBackOfficeApp } from '../test-support/back-office-app.js';
import { dialects } from '../test-support/databases.js';
import { WebClient } from '../test-support/web-client.js';
import { BACK_OFFICE_ROUTES, type BackOfficeRoute, type RouteAccess } from './route-access.js';
import { addStaff } from './staff/staff-repository.js';
import { hasRole, STAFF_ROLES, type StaffRole } from './staff/staff-roles.js';

type Who = 'nobody' | StaffRole;
const everyone: readonly Who[] = ['nobody', ...STAFF_ROLES];

function allowed(access: RouteAccess, who: Who): boolean {
  if (access === 'public') return true;
  return who !== 'nobody' && hasRole(who, access);
}

describe.each(dialects)('back-office route access on %s', (kind) => {
  const { t, clock, app } = useBackOfficeApp(kind);
  const staff = new Map<StaffRole, TestStaff>();
  let counter = 0;
  let mailId = 0;

  beforeAll(async () => {
    for (const role of STAFF_ROLES) staff.set(role, await setUpStaff(t, clock, `${role}@cabinet.fr`, role));
    await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: 'dupont@example.fr' }, '1234567890');
    // A waiting notice for « réessayer maintenant » (a notice is never superseded by the new-password route).
    const message = { to: 'dupont@example.fr', subject: 'Avis', text: 'Avis', html: '<p>Avis</p>' };
    const sealer = createAesSealer(randomBytes(32));
    mailId = (await t.db.transaction().execute((tx) => enqueueMail(tx, { clock, sealer }, { kind: 'notice', recipient: 'dupont@example.fr', sequence: 1000, message }))).id;
  });

  /** A concrete request for the route, with a body that the handler accepts. */
  async function requestFor(route: BackOfficeRoute): Promise<{ url: string; body: Record<string, string> }> {
    const n = ++counter;
    const path = route.split(' ')[1]!;
    const victim = await addStaff(t.db, clock, `victime${n}@cabinet.fr`, 'agent');
    const url = path
      .replace(':identifiant', '1234567890')
      .replace(':token', victim.ok ? victim.setupToken : 'x')
      .replace(':id', path.startsWith('/admin/mail-queue/') ? String(mailId) : victim.ok ? String(victim.member.id) : '0');
    const bodies: Partial<Record<BackOfficeRoute, Record<string, string>>> = {
      'POST /admin/login': { email: 'personne@cabinet.fr', password: 'x' },
      'POST /admin/setup/:token': { password: 'trop court', confirmation: 'trop court' },
      'POST /admin/clients': { identifiant: String(2_000_000_000 + n), civility: 'Mme', name: `Cliente ${n}`, email: `c${n}@example.fr` },
      'POST /admin/clients/:identifiant': { civility: 'M.', name: `Dupont ${n}`, email: 'dupont@example.fr' },
      'POST /admin/clients/:identifiant/status': { status: 'active' },
      'POST /admin/staff': { email: `nouveau${n}@cabinet.fr`, role: 'agent' },
      'POST /admin/import': { csv: `identifiant,civilité,nom,courriel\n${3_000_000_000 + n},Mme,Importée ${n},i${n}@example.fr\n`, step: 'confirm' },
    };
    return { url, body: bodies[route] ?? {} };
  }

  async function browserAs(who: Who): Promise<WebClient> {
    const browser = new WebClient(app());
    await browser.get('/admin');
    if (who !== 'nobody') {
      const member = staff.get(who)!.member;
      const { token } = await createSession(t.db, clock, { kind: 'staff', id: String(member.id) }, testPolicy, { ip: null, userAgent: null });
      browser.setCookie(sessionCookie('staff', false).name, token);
    }
    return browser;
  }

  const cases = (Object.entries(BACK_OFFICE_ROUTES) as [BackOfficeRoute, RouteAccess][]).flatMap(([route, access]) =>
    everyone.map((who) => [route, access, who] as const),
  );

  it.each(cases)('%s (%s) as %s', async (route, access, who) => {
    const browser = await browserAs(who);
    const { url, body } = await requestFor(route);
    const response = route.startsWith('GET ') ? await browser.get(url) : await browser.post(url, body);
    expect(response.headers['cache-control']).toBe('no-store');
    if (allowed(access, who)) {
      expect(response.statusCode).not.toBe(403);
      expect(response.headers.location).not.toBe('/admin');
      if (access !== 'public') expect(response.statusCode).toBeLessThan(400);
      return;
    }
    if (who === 'nobody' && route.startsWith('GET ')) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin');
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Accès refusé');
    }
    if (who !== 'nobody' && !allowed(access, who)) {
      const staffId = String(staff.get(who)!.member.id);
      const [refusal] = (await queryAudit(t.db, { staffId, types: ['staff.action'], limit: 1 })).events;
      expect(refusal).toMatchObject({ staffId, detail: { action: 'access.refused', route } });
    }
  });

  it('serves every route of the table (and the plugin refuses to register one missing from it)', async () => {
    for (const route of Object.keys(BACK_OFFICE_ROUTES)) {
      const [method, url] = route.split(' ') as ['GET' | 'POST', string];
      expect(app().hasRoute({ method, url }), route).toBe(true);
    }
    const browser = await browserAs('admin');
    const unknown = await browser.get('/admin/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
  });
});

const testPolicy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

/**
 * Every state-changing route eGEC serves (client pages and back-office), each with a request that
 * its handler would act on, and the cookies of a signed-in client and a signed-in administrator.
 * CSRF and hostile-input tests post to all of them; `servedRoutes` checks the list is complete.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addStaff } from '../back-office/staff/staff-repository.js';
import { openSetup } from '../back-office/staff/staff-setup.js';
import { sessionCookie } from '../sessions/session-cookie.js';
import { createSession } from '../sessions/session-store.js';
import type { Clock } from '../clock.js';
import { enqueueMail } from '../mail/outbox.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import type { TestStaff } from './back-office-app.js';
import { csrfTokenOf } from './web-client.js';

export const CLIENT_ID = '1234567890';
export const CLIENT_EMAIL = 'dupont@example.fr';

export interface FormRequest {
  readonly url: string;
  readonly fields: Record<string, string>;
}

export interface FormContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly admin: TestStaff;
  /** A mail of the outbox, for « réessayer maintenant ». */
  readonly mailId: number;
}

const POLICY = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

/** Route as Fastify names it → a request its handler acts on (a fresh staff member where one is consumed). */
export const STATE_CHANGING_FORMS: Record<string, (c: FormContext) => Promise<FormRequest>> = {
  '/login': async () => ({ url: '/login', fields: { identifiant: CLIENT_ID, password: 'fG69a*6jH' } }),
  '/activation': async () => ({ url: '/activation', fields: { email: CLIENT_EMAIL } }),
  '/logout': async () => ({ url: '/logout', fields: {} }),
  '/admin/login': async (c) => ({ url: '/admin/login', fields: { email: c.admin.member.email, password: c.admin.password, code: '000000' } }),
  '/admin/logout': async () => ({ url: '/admin/logout', fields: {} }),
  '/admin/setup/:token': async (c) => {
    const added = await newStaff(c);
    // As the member's browser did: the page was shown first (which picks the TOTP secret).
    await openSetup(c.db, c.clock, added.setupToken, []);
    return { url: `/admin/setup/${added.setupToken}`, fields: { password: 'une phrase de passe solide', confirmation: 'une phrase de passe solide', code: '' } };
  },
  '/admin/staff': async () => ({ url: '/admin/staff', fields: { email: `nouveau${randomBytes(3).toString('hex')}@cabinet.fr`, role: 'agent' } }),
  '/admin/staff/:id/disable': async (c) => ({ url: `/admin/staff/${(await newStaff(c)).member.id}/disable`, fields: {} }),
  '/admin/clients': async () => ({
    url: '/admin/clients',
    fields: { identifiant: String(2_000_000_000 + (randomBytes(3).readUIntBE(0, 3) % 1_000_000)), civility: 'Mme', name: 'Nouvelle', email: 'nouvelle@example.fr' },
  }),
  '/admin/clients/:identifiant': async () => ({ url: `/admin/clients/${CLIENT_ID}`, fields: { civility: 'M.', name: 'Dupont Modifié', email: CLIENT_EMAIL } }),
  '/admin/clients/:identifiant/status': async () => ({ url: `/admin/clients/${CLIENT_ID}/status`, fields: { status: 'disabled' } }),
  '/admin/clients/:identifiant/end-sessions': async () => ({ url: `/admin/clients/${CLIENT_ID}/end-sessions`, fields: {} }),
  '/admin/clients/:identifiant/unlock': async () => ({ url: `/admin/clients/${CLIENT_ID}/unlock`, fields: {} }),
  '/admin/clients/:identifiant/new-password': async () => ({ url: `/admin/clients/${CLIENT_ID}/new-password`, fields: {} }),
  '/admin/mail-queue/:id/retry': async (c) => ({ url: `/admin/mail-queue/${c.mailId}/retry`, fields: {} }),
  '/admin/import': async () => ({ url: '/admin/import', fields: { csv: 'identifiant;nom;courriel\n3000000003;Importée;importee@example.fr\n', step: 'confirm' } }),
};

async function newStaff(c: FormContext) {
  const added = await addStaff(c.db, c.clock, `victime${randomBytes(4).toString('hex')}@cabinet.fr`, 'agent');
  if (!added.ok) throw new Error('staff not added');
  return added;
}

/** A notice in the outbox (never superseded), for the mail-queue route. */
export async function queueNotice(db: Db, clock: Clock): Promise<number> {
  const message = { to: CLIENT_EMAIL, subject: 'Avis', text: 'Avis', html: '<p>Avis</p>' };
  const sealer = createAesSealer(randomBytes(32));
  const { id } = await db.transaction().execute((tx) => enqueueMail(tx, { clock, sealer }, { kind: 'notice', recipient: CLIENT_EMAIL, sequence: 1000, message }));
  return id;
}

/** Cookies of a browser that read a form (CSRF secret) and is signed in as the client and as the admin; and the form's token. */
export async function signedInBrowser(app: FastifyInstance, c: FormContext): Promise<{ cookie: string; token: string }> {
  const page: LightMyRequestResponse = await app.inject({ method: 'GET', url: '/' });
  const secret = page.cookies.find((k) => k.name === '_csrf')?.value ?? '';
  const meta = { ip: null, userAgent: null };
  const client = await createSession(c.db, c.clock, { kind: 'client', id: CLIENT_ID }, POLICY, meta);
  const staff = await createSession(c.db, c.clock, { kind: 'staff', id: String(c.admin.member.id) }, POLICY, meta);
  const cookie = `_csrf=${secret}; ${sessionCookie('client', false).name}=${client.token}; ${sessionCookie('staff', false).name}=${staff.token}`;
  return { cookie, token: csrfTokenOf(page.body) };
}

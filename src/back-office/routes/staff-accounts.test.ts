import { beforeAll, describe, expect, it } from 'vitest';
import { setUpStaff, signedIn, useBackOfficeApp } from '../../test-support/back-office-app.js';
import { dialects } from '../../test-support/databases.js';
import { WebClient } from '../../test-support/web-client.js';
import { hashSetupToken } from '../staff/staff-repository.js';

describe.each(dialects)('staff accounts page on %s', (kind) => {
  const { t, clock, app } = useBackOfficeApp(kind, { EGEC_PUBLIC_URL: 'https://egec.example' });
  let admin: WebClient;

  beforeAll(async () => {
    admin = await signedIn(app(), clock, await setUpStaff(t, clock, 'chef@cabinet.fr', 'admin'));
  });

  it('adds a member and shows the one-time setup link, storing only its hash', async () => {
    await admin.get('/admin/staff');
    const added = await admin.post('/admin/staff', { email: 'Nouvelle@Cabinet.fr', role: 'it' });
    expect(added.statusCode).toBe(201);
    const link = /https:\/\/egec\.example\/admin\/setup\/([A-Za-z0-9_-]{43})/.exec(added.body);
    expect(link).not.toBeNull();
    const row = await t.db.selectFrom('staff').selectAll().where('email_normalized', '=', 'nouvelle@cabinet.fr').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'it', status: 'pending', setup_token_hash: hashSetupToken(link![1]!), password_hash: null });
    expect(JSON.stringify(row)).not.toContain(link![1]);
    expect(added.body).toContain('en attente');

    const again = await admin.post('/admin/staff', { email: 'nouvelle@cabinet.fr', role: 'agent' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Un compte existe déjà pour ce courriel.');
    const bad = await admin.post('/admin/staff', { email: 'pas un courriel', role: 'agent' });
    expect(bad.statusCode).toBe(400);
  });

  it('disables a member, but not oneself', async () => {
    const row = await t.db.selectFrom('staff').select('id').where('email_normalized', '=', 'nouvelle@cabinet.fr').executeTakeFirstOrThrow();
    await admin.get('/admin/staff');
    const done = await admin.post(`/admin/staff/${row.id}/disable`);
    expect(done.headers.location).toBe('/admin/staff?done=disabled');
    const after = await t.db.selectFrom('staff').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'disabled', setup_token_hash: null });

    const self = await t.db.selectFrom('staff').select('id').where('email_normalized', '=', 'chef@cabinet.fr').executeTakeFirstOrThrow();
    await admin.get('/admin/staff');
    expect((await admin.post(`/admin/staff/${self.id}/disable`)).headers.location).toBe('/admin/staff?done=self');
    expect((await admin.get('/admin/staff?done=self')).body).toContain('Vous ne pouvez pas désactiver votre propre compte.');
  });

  it('uses the __Host- staff cookie, Secure, over https', async () => {
    expect(admin.cookie('__Host-egec_staff_session')).toBeDefined();
  });
});

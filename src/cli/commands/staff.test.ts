import { describe, expect, it } from 'vitest';
import { hashSetupToken } from '../../back-office/staff/staff-repository.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { runCommand } from '../../test-support/cli-in-process.js';
import { staffCommand } from './staff.js';

describe.each(dialects)('egec staff on %s', (kind) => {
  const t = useFreshDatabase(kind);

  const egec = (...args: string[]) => runCommand(staffCommand, ['staff', ...args], { env: { EGEC_DATABASE_URL: t.url, EGEC_PUBLIC_URL: 'https://egec.example' } });

  it('adds a member and prints a one-time setup link whose token is stored only hashed', async () => {
    const added = await egec('add', '--email', 'Agent@Cabinet.fr', '--role', 'agent');
    expect(added.code).toBe(0);
    const token = /^https:\/\/egec\.example\/admin\/setup\/([A-Za-z0-9_-]{43})\n$/.exec(added.stdout)?.[1];
    expect(token).toBeDefined();
    const row = await t.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'Agent@Cabinet.fr', role: 'agent', status: 'pending', setup_token_hash: hashSetupToken(token!) });
    const twice = await egec('add', '--email', 'agent@cabinet.fr', '--role', 'it');
    expect(twice).toMatchObject({ code: 1, stderr: 'egec: un compte existe déjà pour agent@cabinet.fr\n' });
  });

  it('lists and disables members', async () => {
    expect((await egec('list')).stdout).toBe('courriel\trôle\tstatut\tTOTP\nAgent@Cabinet.fr\tagent\tpending\tnon\n');
    expect((await egec('disable', 'agent@cabinet.fr')).stdout).toBe('Compte agent@cabinet.fr désactivé.\n');
    expect((await egec('list')).stdout).toContain('Agent@Cabinet.fr\tagent\tdisabled\tnon');
    expect(await egec('disable', 'personne@cabinet.fr')).toMatchObject({ code: 1, stderr: 'egec: aucun compte pour personne@cabinet.fr\n' });
  });
});

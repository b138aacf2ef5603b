import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hashSetupToken } from '../../back-office/staff/staff-repository.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { describeError } from '../runtime.js';
import { staffCommand } from './staff.js';

describe.each(dialects)('egec staff on %s', (kind) => {
  const t = useFreshDatabase(kind);

  /** Runs `egec staff …` in-process, as main.ts does: output lines, and one error line with exit code 1. */
  async function egec(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const ctx = {
      env: { EGEC_DATABASE_URL: t.url, EGEC_PUBLIC_URL: 'https://egec.example' },
      clock: new ManualClock(),
      out: (line: string) => void (stdout += `${line}\n`),
      err: (line: string) => void (stderr += `${line}\n`),
      interactive: false,
    };
    const program = new Command('egec').exitOverride();
    staffCommand(program, ctx);
    try {
      await program.parseAsync(['staff', ...args], { from: 'user' });
      return { code: 0, stdout, stderr };
    } catch (error) {
      return { code: 1, stdout, stderr: `${stderr}egec: ${describeError(error)}\n` };
    }
  }

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

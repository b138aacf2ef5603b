import { describe, expect, it } from 'vitest';
import { dialects, tempDir } from '../test-support/databases.js';
import { egecOnFreshDatabase, runEgec } from '../test-support/egec-binary.js';
import { migrations } from '../storage/migrations/index.js';

// Every test spawns the real binary (a Node start each time): generous time on a loaded machine.
const slow = { timeout: 120_000 };

describe.concurrent('egec --help', slow, () => {
  const env = { EGEC_DATA_DIR: tempDir() };
  it.each([[[]], [['serve']], [['migrate']], [['client']], [['client', 'add']], [['client', 'import']], [['client', 'show']], [['client', 'list']], [['client', 'set']]])(
    'egec %j --help exits 0 and describes the command',
    async (args) => {
      const run = await runEgec([...args, '--help'], env);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: egec${args.map((a) => ` ${a}`).join('')} `));
    },
  );

  it('a bad configuration exits 1 with one line per bad variable and no stack trace', async () => {
    const run = await runEgec(['client', 'list'], { ...env, EGEC_PORT: 'quatre-vingts', EGEC_LOG_LEVEL: 'bavard', EGEC_DATABASE_URL: 'mysql://db/egec' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('egec: configuration invalide :');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual(['EGEC_PORT', 'EGEC_LOG_LEVEL', 'EGEC_DATABASE_URL']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.each(dialects)('egec on %s', slow, (kind) => {
  const { egec } = egecOnFreshDatabase(kind);

  it('migrate applies the schema once', async () => {
    expect(await egec('migrate')).toEqual({ code: 0, stdout: `Migrations appliquées : ${Object.keys(migrations).join(', ')}\n`, stderr: '' });
    expect(await egec('migrate')).toEqual({ code: 0, stdout: 'Base déjà à jour.\n', stderr: '' });
  });

  it('client add prints a random ten-digit identifiant', async () => {
    const run = await egec('client', 'add', '--civility', 'Mme', '--name', 'Lefèvre', '--email', 'lefevre@ex.fr');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[1-9]\d{9}\n$/);
    const shown = await egec('client', 'show', run.stdout.trim());
    expect(shown.stdout).toContain('nom         : Lefèvre');
  });

  it('client add --id keeps the firm’s identifiant and refuses it twice in one line', async () => {
    expect(await egec('client', 'add', '--id', '0123456789', '--name', 'Dupont', '--email', 'Jean.Dupont@ex.fr')).toEqual({ code: 0, stdout: '0123456789\n', stderr: '' });
    expect(await egec('client', 'add', '--id', '0123456789', '--name', 'Autre', '--email', 'autre@ex.fr')).toEqual({
      code: 1,
      stdout: '',
      stderr: "egec: l'identifiant 0123456789 existe déjà\n",
    });
    expect(await egec('client', 'add', '--id', '123', '--name', 'X', '--email', 'x@ex.fr')).toMatchObject({ code: 1, stderr: 'egec: identifiant « 123 » : 10 chiffres attendus (zéros de tête perdus par un tableur ?)\n' });
    expect(await egec('client', 'add', '--name', 'X', '--email', 'pas-un-courriel')).toMatchObject({ code: 1, stderr: 'egec: courriel « pas-un-courriel » invalide\n' });
  });

  it('client show prints the file, and fails in one line for an unknown one', async () => {
    const run = await egec('client', 'show', '0123456789');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^identifiant : 0123456789\ncivilité    : \(aucune\)\nnom         : Dupont\ncourriel    : Jean.Dupont@ex.fr\nstatut      : actif\n/);
    expect(await egec('client', 'show', '9999999999')).toEqual({ code: 1, stdout: '', stderr: 'egec: aucun dossier client 9999999999\n' });
  });

  it('client set changes fields, disables and enables, never the identifiant', async () => {
    expect(await egec('client', 'set', '0123456789', '--civility', 'M.', '--name', 'Dupont & Fils')).toMatchObject({ code: 0, stdout: 'Dossier 0123456789 modifié.\n' });
    expect(await egec('client', 'set', '0123456789', '--disable')).toMatchObject({ code: 0, stdout: 'Dossier 0123456789 modifié.\n' });
    expect((await egec('client', 'show', '0123456789')).stdout).toContain('statut      : désactivé');
    expect(await egec('client', 'set', '0123456789', '--disable')).toMatchObject({ code: 0, stdout: 'Dossier 0123456789 inchangé.\n' });
    expect(await egec('client', 'set', '0123456789', '--enable')).toMatchObject({ code: 0, stdout: 'Dossier 0123456789 modifié.\n' });
    expect((await egec('client', 'show', '0123456789')).stdout).toMatch(/civilité    : M\.\nnom         : Dupont & Fils\n.*\nstatut      : actif/);
    expect(await egec('client', 'set', '0123456789', '--disable', '--enable')).toMatchObject({ code: 1 });
    expect(await egec('client', 'set', '0123456789')).toMatchObject({ code: 1, stderr: 'egec: rien à modifier : voir egec client set --help\n' });
    expect(await egec('client', 'set', '0123456789', '--id', '1111111111')).toMatchObject({ code: 1, stderr: expect.stringContaining("unknown option '--id'") });
    expect(await egec('client', 'set', '0123456789', '--identifiant', '1111111111')).toMatchObject({ code: 1 });
    expect(await egec('client', 'show', '1111111111')).toMatchObject({ code: 1 });
    expect(await egec('client', 'show', '0123456789')).toMatchObject({ code: 0 });
  });

  it('client list prints one tab-separated line per file, optionally by email', async () => {
    const all = await egec('client', 'list');
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('identifiant\tcivilité\tnom\tcourriel\tstatut');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('0123456789\tM.\tDupont & Fils\tJean.Dupont@ex.fr\tactif');
    expect((await egec('client', 'list', '--email', ' jean.dupont@EX.fr')).stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(await egec('client', 'list', '--limit', 'zéro')).toMatchObject({ code: 1, stderr: 'egec: --limit : nombre entier positif attendu\n' });
  });
});

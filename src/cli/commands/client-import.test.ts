import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../test-support/databases.js';
import { egecOnFreshDatabase } from '../../test-support/egec-binary.js';

// Every test spawns the real binary (a Node start each time): generous time on a loaded machine.
describe.each(dialects)('egec client import on %s', { timeout: 120_000 }, (kind) => {
  const { dir, egec, file } = egecOnFreshDatabase(kind);

  it('client import applies a Windows-1252 file and prints the summary', async () => {
    const csv = file('clients.csv', iconv.encode('Identifiant;Civilité;Nom;Courriel\r\n0123456789;M.;Dupont & Fils;Jean.Dupont@ex.fr\r\n2000000001;Mme;Lefèvre;l@ex.fr\r\n2000000002;M.;Müller;m@ex.de\r\n', 'windows-1252'));
    const run = await egec('client', 'import', csv);
    expect(run).toEqual({
      code: 0,
      stdout: 'Fichier lu en Windows-1252, séparateur « ; ».\nCréés : 3, modifiés : 0, inchangés : 0, rejetés : 0.\n',
      stderr: '',
    });
    expect((await egec('client', 'show', '2000000002')).stdout).toContain('nom         : Müller');
  });

  it('client import refuses a file with bad rows, listing them, and writes nothing', async () => {
    const csv = file('bad.csv', 'identifiant,nom,courriel\n2000000001,Lefèvre-Martin,l@ex.fr\n2000000003,,x@ex.fr\n2000000004,"Sur\ndeux lignes",y@ex.fr\n2000000005,Bon,pas un courriel\n');
    expect(await egec('client', 'import', csv)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'ligne 3 : nom vide',
        'ligne 4 : nom : caractères de contrôle interdits',
        'ligne 6 : courriel « pas un courriel » invalide',
        "egec: 3 lignes rejetées sur 4 : rien n'a été importé (corrigez le fichier, ou --skip-invalid pour importer les lignes valides)",
        '',
      ].join('\n'),
    });
    expect((await egec('client', 'show', '2000000001')).stdout).toContain('nom         : Lefèvre\n');

    const dry = await egec('client', 'import', '--dry-run', '--skip-invalid', csv);
    expect(dry).toMatchObject({ code: 0, stdout: "Simulation (--dry-run) : rien n'a été écrit.\nFichier lu en UTF-8, séparateur « , ».\nCréés : 0, modifiés : 1, inchangés : 0, rejetés : 3.\n" });
    expect((await egec('client', 'show', '2000000001')).stdout).toContain('nom         : Lefèvre\n');

    const skip = await egec('client', 'import', '--skip-invalid', csv);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toContain('Créés : 0, modifiés : 1, inchangés : 0, rejetés : 3.');
    expect(skip.stderr).toBe('ligne 3 ignorée : nom vide\nligne 4 ignorée : nom : caractères de contrôle interdits\nligne 6 ignorée : courriel « pas un courriel » invalide\n');
    expect((await egec('client', 'show', '2000000001')).stdout).toContain('nom         : Lefèvre-Martin\n');
  });

  it('client import lists the identifiants it assigns, and explains unreadable files in one line', async () => {
    const csv = file('sans-id.csv', '\uFEFFnom;courriel;téléphone\nSARL Nouvelle;contact@nouvelle.fr;01 02 03 04 05\n');
    const run = await egec('client', 'import', csv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Fichier lu en UTF-8, séparateur « ; »\.\nColonnes ignorées : téléphone\.\nIdentifiants attribués \(ligne du fichier : identifiant\) :\n {2}ligne 2 : ([1-9]\d{9})\nCréés : 1, modifiés : 0, inchangés : 0, rejetés : 0\.\n$/);
    const identifiant = /ligne 2 : (\d{10})/.exec(run.stdout)![1]!;
    expect((await egec('client', 'show', identifiant)).stdout).toContain('nom         : SARL Nouvelle');

    expect(await egec('client', 'import', file('no-email.csv', 'nom;adresse\nX;Y\n'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^egec: .*no-email\.csv : en-tête \(ligne 1\) : colonne courriel introuvable ; en-têtes acceptés : [^\n]+\n$/) });
    expect(await egec('client', 'import', path.join(dir, 'absent.csv'))).toEqual({ code: 1, stdout: '', stderr: `egec: fichier introuvable : ${path.join(dir, 'absent.csv')}\n` });
  });
});

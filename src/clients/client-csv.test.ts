import { describe, expect, it } from 'vitest';
import { readClientCsv } from './client-csv.js';

const read = (text: string) => readClientCsv(new TextEncoder().encode(text));

function ok(text: string) {
  const result = read(text);
  if (!result.ok) throw new Error(`expected a readable file, got: ${result.reason}`);
  return result;
}

describe('readClientCsv', () => {
  it('maps French or English headers, whatever their case and accents', () => {
    for (const header of ['Identifiant;Civilité;Nom;Courriel', 'ID;CIVILITE;name;E-Mail', 'id;civility;NAME;mail', ' identifiant ; civilite ; nom ; email ']) {
      const file = ok(`${header}\n1234567890;Mme;Lefèvre;l@ex.fr\n`);
      expect(file.rows).toEqual([{ line: 2, identifiant: '1234567890', civility: 'Mme', name: 'Lefèvre', email: 'l@ex.fr' }]);
    }
  });

  it('accepts columns in any order, ignores unknown ones and names them', () => {
    const file = ok('courriel,téléphone,nom\nm@ex.de,0102,Müller\n');
    expect(file.rows).toEqual([{ line: 2, identifiant: undefined, civility: null, name: 'Müller', email: 'm@ex.de' }]);
    expect(file.ignoredColumns).toEqual(['téléphone']);
    expect(file.delimiter).toBe(',');
  });

  it('gives one clear error when a required column is missing', () => {
    expect(read('identifiant;nom;adresse\n1234567890;Dupont;x\n')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^en-tête \(ligne 1\) : colonne courriel introuvable ; en-têtes acceptés : .*courriel\|email\|e-mail\|mail/),
    });
    expect(read('identifiant\n1234567890\n')).toMatchObject({ ok: false, reason: expect.stringContaining('colonne nom et courriel introuvable') });
    expect(read('nom;courriel;email\n')).toMatchObject({ ok: false, reason: expect.stringContaining('deux colonnes pour courriel (« courriel » et « email »)') });
    expect(read('')).toMatchObject({ ok: false, reason: expect.stringContaining('fichier vide') });
  });

  it('reports every bad row with its line in the file, counting lines inside quoted fields', () => {
    const text = [
      'identifiant;civilité;nom;courriel', // 1
      '1234567890;M.;"Dupont', // 2: a line break inside the name
      'et Fils";dupont@ex.fr', // 3 (same row as line 2)
      '', // 4
      '123456789;Mme;Lefèvre;lefevre@ex.fr', // 5: nine digits
      ';;;', // 6: empty row, skipped
      '2222222222;Dr;;pas-un-courriel', // 7: three faults
      '3333333333;M.;"Martin', // 8: fine, the trailing line break is trimmed
      '', // 9 (inside the quotes)
      '";martin@ex.fr', // 10
      '4444444444;M.;Petit', // 11: a column short
      '5555555555;;Durand;durand@ex.fr', // 12: fine
    ].join('\r\n');
    const file = ok(text);
    expect(file.rows.map((r) => [r.line, r.identifiant])).toEqual([
      [8, '3333333333'],
      [12, '5555555555'],
    ]);
    expect(file.rows[0]?.name).toBe('Martin');
    expect(file.rejected).toEqual([
      { line: 2, reason: 'nom : caractères de contrôle interdits' },
      { line: 5, reason: 'identifiant « 123456789 » : 10 chiffres attendus (zéros de tête perdus par un tableur ?)' },
      { line: 7, reason: 'civilité « Dr » : M., Mme ou vide attendu ; nom vide ; courriel « pas-un-courriel » invalide' },
      { line: 11, reason: '3 colonnes au lieu de 4 (séparateur ou guillemets ?)' },
    ]);
  });

  it('rejects every row of an identifiant that appears twice', () => {
    const file = ok('identifiant,nom,courriel\n1111111111,A,a@ex.fr\n2222222222,B,b@ex.fr\n1111111111,C,c@ex.fr\n');
    expect(file.rows.map((r) => r.line)).toEqual([3]);
    expect(file.rejected).toEqual([
      { line: 2, reason: 'identifiant « 1111111111 » en double dans le fichier (lignes 2, 4)' },
      { line: 4, reason: 'identifiant « 1111111111 » en double dans le fichier (lignes 2, 4)' },
    ]);
  });

  it('keeps quotes inside an unquoted field, and refuses a broken quoted one for the whole file', () => {
    expect(ok('nom;courriel\nSociété "Les Amis";amis@ex.fr\n').rows[0]?.name).toBe('Société "Les Amis"');
    expect(read('nom;courriel\n"Dupont" et fils;d@ex.fr\n')).toEqual({ ok: false, reason: expect.stringMatching(/^CSV illisible ligne 2 : texte après un guillemet fermant/) });
    expect(read('nom;courriel\nA;a@ex.fr\n"Dupont;d@ex.fr\nB;b@ex.fr\n')).toMatchObject({ ok: false, reason: expect.stringContaining("un guillemet ouvert n'est jamais refermé") });
  });

  it('accepts a last line without a line break and extra empty trailing fields', () => {
    expect(ok('nom,courriel\nA,a@ex.fr,,\nB,b@ex.fr').rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { importClients } from './client-import.js';
import { createClient, findClient, listClients, updateClient } from './client-repository.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(dialects)('client import on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();

  const all = async () => (await listClients(t.db, { limit: 1000 })).map((c) => [c.identifiant, c.civility, c.name, c.email, c.status]);

  it('imports a Windows-1252 file with « ; » separators (French Excel)', async () => {
    const bytes = iconv.encode('Identifiant;Civilité;Nom;Courriel\r\n1000000001;Mme;Lefèvre;lefevre@ex.fr\r\n1000000002;M.;Müller;mueller@ex.de\r\n', 'windows-1252');
    const outcome = await importClients(t.db, clock, bytes);
    expect(outcome).toMatchObject({ ok: true, report: { created: 2, updated: 0, unchanged: 0, rejected: [], encoding: 'Windows-1252', delimiter: ';' } });
    expect(await all()).toEqual([
      ['1000000001', 'Mme', 'Lefèvre', 'lefevre@ex.fr', 'active'],
      ['1000000002', 'M.', 'Müller', 'mueller@ex.de', 'active'],
    ]);
  });

  it('upserts a UTF-8 file with a BOM and « , » separators: counts created, updated and unchanged', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id,civility,name,email\n1000000001,Mme,Lefèvre,lefevre@ex.fr\n1000000002,M.,Müller-Weiß,mueller@ex.de\n1000000003,,SARL Œuvre,oeuvre@ex.fr\n')]);
    const outcome = await importClients(t.db, clock, bytes);
    expect(outcome).toMatchObject({ ok: true, report: { created: 1, updated: 1, unchanged: 1, encoding: 'UTF-8', delimiter: ',' } });
    expect(await all()).toEqual([
      ['1000000001', 'Mme', 'Lefèvre', 'lefevre@ex.fr', 'active'],
      ['1000000002', 'M.', 'Müller-Weiß', 'mueller@ex.de', 'active'],
      ['1000000003', null, 'SARL Œuvre', 'oeuvre@ex.fr', 'active'],
    ]);
  });

  it('writes nothing when a row is bad, and reports each bad row with its line', async () => {
    const before = await all();
    const text = 'identifiant;nom;courriel\n1000000001;Lefèvre-Dubois;l@ex.fr\n1000000009;;x@ex.fr\n\n1000000010;Neuf;pas un courriel\n';
    expect(await importClients(t.db, clock, utf8(text))).toEqual({
      ok: false,
      reason: 'invalid-rows',
      valid: 1,
      rejected: [
        { line: 3, reason: 'nom vide' },
        { line: 5, reason: 'courriel « pas un courriel » invalide' },
      ],
    });
    expect(await all()).toEqual(before);
  });

  it('with skipInvalid imports the good rows and reports the others', async () => {
    const text = 'identifiant;nom;courriel\n1000000001;Lefèvre-Dubois;lefevre@ex.fr\n1000000009;;x@ex.fr\n';
    const outcome = await importClients(t.db, clock, utf8(text), { skipInvalid: true });
    expect(outcome).toMatchObject({ ok: true, report: { created: 0, updated: 1, unchanged: 0, rejected: [{ line: 3, reason: 'nom vide' }] } });
    expect((await findClient(t.db, '1000000001'))?.name).toBe('Lefèvre-Dubois');
    expect(await findClient(t.db, '1000000009')).toBeUndefined();
  });

  it('a dry run counts the same changes and writes nothing', async () => {
    const before = await all();
    const text = 'identifiant;civilité;nom;courriel\n1000000001;Mme;Autre nom;lefevre@ex.fr\n1000000002;M.;Müller-Weiß;mueller@ex.de\n1000000004;;Nouveau;n@ex.fr\n;;Sans identifiant;s@ex.fr\n';
    const outcome = await importClients(t.db, clock, utf8(text), { dryRun: true });
    expect(outcome).toMatchObject({ ok: true, report: { dryRun: true, created: 2, updated: 1, unchanged: 1 } });
    expect(await all()).toEqual(before);
  });

  it('gives rows without identifiant a random one that no file uses yet, and reports it', async () => {
    // The first draws collide with an existing file and with the file's own identifiant.
    const picks = ['1000000001', '1000000005', '7000000007', '7000000008'];
    const text = 'civilité;nom;courriel;identifiant\nMme;Sans Id;sans@ex.fr;\nM.;Avec Id;avec@ex.fr;1000000005\n';
    const outcome = await importClients(t.db, clock, utf8(text), { pickIdentifiant: () => picks.shift()! });
    expect(outcome).toMatchObject({ ok: true, report: { created: 2, updated: 0, assigned: [{ line: 2, identifiant: '7000000007' }] } });
    expect(await findClient(t.db, '7000000007')).toMatchObject({ name: 'Sans Id', civility: 'Mme' });
    expect((await findClient(t.db, '1000000001'))?.name).toBe('Lefèvre-Dubois');
  });

  it('keeps a disabled file disabled and reports progress up to the last row', async () => {
    await createClient(t.db, clock, { civility: null, name: 'Désactivé', email: 'd@ex.fr' }, '1000000020');
    await updateClient(t.db, clock, '1000000020', { status: 'disabled' });
    const progress: Array<[number, number]> = [];
    const outcome = await importClients(t.db, clock, utf8('identifiant,nom,courriel\n1000000020,Renommé,d@ex.fr\n'), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(outcome).toMatchObject({ ok: true, report: { updated: 1 } });
    expect(await findClient(t.db, '1000000020')).toMatchObject({ name: 'Renommé', status: 'disabled' });
    expect(progress.at(-1)).toEqual([1, 1]);
  });

  it('keeps the stored civility when the file has no civility column, and clears it when the column is empty', async () => {
    await importClients(t.db, clock, utf8('identifiant;civilite;nom;courriel\n1000000040;Mme;Sans;sans@ex.fr\n1000000041;M.;Vide;vide@ex.fr\n'));
    const without = await importClients(t.db, clock, utf8('identifiant;nom;courriel\n1000000040;Sans;sans@ex.fr\n'));
    expect(without).toMatchObject({ ok: true, report: { created: 0, updated: 0, unchanged: 1 } });
    expect((await findClient(t.db, '1000000040'))?.civility).toBe('Mme');
    await importClients(t.db, clock, utf8('identifiant;civilite;nom;courriel\n1000000041;;Vide;vide@ex.fr\n'));
    expect((await findClient(t.db, '1000000041'))?.civility).toBeNull();
  });

  it('refuses an unreadable file as a whole', async () => {
    expect(await importClients(t.db, clock, utf8('identifiant;nom\n1000000001;x\n'))).toEqual({
      ok: false,
      reason: 'unreadable',
      message: expect.stringContaining('colonne courriel introuvable'),
    });
  });
});

/**
 * The back-office in Debian's Chromium: a new admin follows the setup link,
 * enrols TOTP, signs in, searches and edits a client file, opens its Service IT page (diagnosis,
 * new password, unlock), the mail queue, the audit log and the CSV import; axe finds no WCAG A/AA
 * violation on the pages on the way (refusals included).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff } from '../src/back-office/staff/staff-repository.js';
import { totpCode } from '../src/back-office/staff/totp.js';
import { createClient } from '../src/clients/client-repository.js';
import { TOTP_STEP_MS, useBackOfficeApp } from '../src/test-support/back-office-app.js';
import { launchChromium } from './support/browser.js';

/** Pages carry no script at all, so they work with JavaScript off; axe itself needs it on to run. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await page.locator('script').count()).toBe(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('back-office in Chromium', () => {
  const { t, clock, app } = useBackOfficeApp('sqlite');
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await app().listen({ host: '127.0.0.1', port: 0 });
    await createClient(t.db, clock, { civility: 'Mme', name: 'Lefèvre Élodie', email: 'elodie@example.fr' }, '1234567890');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sets up an admin, signs in and edits a client file, every page accessible', async () => {
    const added = await addStaff(t.db, clock, 'chef@cabinet.fr', 'admin');
    if (!added.ok) throw new Error('not added');
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    await page.goto(`${base}/admin/setup/${added.setupToken}`);
    await expectAccessible(page);
    const uri = await page.locator('code.uri').innerText();
    const secret = new URL(uri).searchParams.get('secret')!;
    await page.getByLabel('Mot de passe (12 caractères au moins)').fill('court');
    await page.getByLabel('Confirmez le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.locator('#f-password-error').innerText()).toBe('Mot de passe trop court : 12 caractères au moins.');
    await expectAccessible(page);
    await page.getByLabel('Mot de passe (12 caractères au moins)').fill('cheval agrafe pile 42');
    await page.getByLabel('Confirmez le mot de passe').fill('cheval agrafe pile 42');
    await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expectAccessible(page);

    clock.advance(TOTP_STEP_MS);
    await page.getByLabel('Courriel professionnel').fill('chef@cabinet.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('cheval agrafe pile 42');
    await page.getByLabel('Code à 6 chiffres (application d’authentification)').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/clients');

    await page.getByLabel('Identifiant, début du nom ou courriel exact').fill('lefe');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Modifier 1234567890' }).click();
    await page.getByLabel('Nom').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.locator('#f-name-error').innerText()).toBe('Nom vide.');
    await expectAccessible(page);
    await page.getByLabel('Nom').fill('Lefèvre-Martin Élodie');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Dossier enregistré.');

    await page.goto(`${base}/admin/staff`);
    await expectAccessible(page);

    // The Service IT's client page: diagnosis, actions, timeline; then the queue, the audit log, the import.
    await page.goto(`${base}/admin/clients/1234567890`);
    await page.getByRole('link', { name: 'Diagnostic (Service IT)' }).click();
    expect(await page.locator('ul.diagnosis').innerText()).toContain('Jamais activé : aucun mot de passe n’a été envoyé à ce client.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Envoyer un nouveau mot de passe' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Nouveau mot de passe demandé : courriel n°1 en file d’envoi.');
    expect(await page.locator('ul.diagnosis').innerText()).toMatch(/Dernier courriel en file d’envoi depuis le \d\d\/\d\d à \d\d:\d\d/);
    expect(await page.getByRole('table').innerText()).toContain('Mot de passe généré');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Déverrouiller le compte' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Le compte n’était pas verrouillé.');

    await page.getByRole('link', { name: 'File des courriels' }).click();
    expect(await page.getByRole('table').innerText()).toContain('elodie@example.fr');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByLabel('Identifiant client').fill('1234567890');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    expect(await page.getByRole('table').innerText()).toContain('new-password');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Importer des dossiers' }).click();
    await page.getByLabel('Contenu du fichier CSV').fill('identifiant,nom,courriel\n2222222222,Collé Jean,jean@example.fr\n');
    await page.getByRole('button', { name: 'Vérifier (rien n’est écrit)' }).click();
    expect(await page.locator('#report + ul').innerText()).toContain('Créés : 1, modifiés : 0, inchangés : 0, rejetés : 0.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Import terminé.');
    await expectAccessible(page);
    await context.close();
  }, 240_000);
});

/**
 * The memo in a real browser (Debian's Chromium, headless) on a phone-sized screen: « mot-de-passe
 * oublié » → Courriel → ENVOYER → the memo's confirmation → the password from the mail → Connexion
 * → « Bonjour … » → Déconnexion. eGEC listens on 127.0.0.1 and sends to a real SMTP server.
 */
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { mailedCredentials } from '../src/test-support/mailed-credentials.js';
import { startTestPortal, type TestPortal } from '../src/test-support/test-portal.js';
import { launchChromium } from './support/browser.js';

/** axe-core's WCAG 2.1 A/AA rules on the page as it stands: labels, contrast, landmarks, ARIA. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the memo in Chromium at 360×740', () => {
  let portal: TestPortal;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    portal = await startTestPortal('sqlite', { clock: systemClock });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'jean.dupont@example.fr');
    await portal.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(portal.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  // axe-core takes seconds per page on two cores.
  it('activates, logs in with the mailed password, and logs out', { timeout: 120_000 }, async () => {
    // axe-core needs a page from an explicit context.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Identification');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'mot-de-passe oublié' }).click();
    await page.getByRole('heading', { name: 'Activation du compte' }).waitFor();
    await page.getByLabel('Courriel').fill('personne@example.fr');
    await page.getByRole('button', { name: 'ENVOYER' }).click();
    await page.getByText('Identifiant et/ou m-d-p non reconnu(s)').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Courriel').fill('jean.dupont@example.fr');
    await page.getByRole('button', { name: 'ENVOYER' }).click();
    await page.getByText('Un courriel a été envoyé dans votre b-a-l, avec des instructions.').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('La réception peut atteindre 5 min. Vérifiez éventuellement dans vos SPAMS');

    const [mail] = await portal.sink!.waitForMessages(1);
    const password = mailedCredentials(mail!.parsed.text ?? '').get('1234567890');
    expect(password).toMatch(/^\S{9}$/);

    await page.getByRole('link', { name: "Retour à l'identification" }).click();
    await page.getByLabel('Identifiant', { exact: true }).fill(' 1234567890 ');
    await page.getByLabel('Mot de passe', { exact: true }).fill(password!);
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.getByRole('heading', { name: 'Bonjour M. Dupont' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/espace');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Déconnexion' }).click();
    await page.getByRole('heading', { name: 'Identification' }).waitFor();
    await page.goto(`${base}/espace`);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});

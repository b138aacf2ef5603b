/**
 * The memo's steps as a client performs them in the browser, found the way a client (or a screen
 * reader) finds them: by their visible names, word for word from the memo. If a label, a link or
 * a button is renamed, these steps stop finding it.
 */
import type { Page } from 'playwright-core';
import { fr } from '../../src/texts/fr.js';

/** Word for word from the memo. */
export const MEMO = {
  identification: 'Identification',
  identifiant: 'Identifiant',
  password: 'Mot de passe',
  login: 'Connexion',
  credentialsLink: 'identifiant, mot de passe.....',
  forgottenLink: 'mot-de-passe oublié',
  activation: 'Activation du compte',
  email: 'Courriel',
  send: 'ENVOYER',
  mailSent: 'Un courriel a été envoyé dans votre b-a-l, avec des instructions.',
  mailDelay: 'La réception peut atteindre 5 min. Vérifiez éventuellement dans vos SPAMS',
  notRecognized: 'Identifiant et/ou m-d-p non reconnu(s)',
} as const;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The visible text of the page's main content, white space collapsed. */
export async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

/** Step 1: the « Identification » panel, the authentication page. */
export async function openIdentification(page: Page): Promise<void> {
  await page.goto('/');
  await heading(page, MEMO.identification).waitFor();
}

/** Step 1: « identifiant, mot de passe..... » (or « mot-de-passe oublié »), to « Activation du compte ». */
export async function followToActivation(page: Page, link: typeof MEMO.credentialsLink | typeof MEMO.forgottenLink): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
  await heading(page, MEMO.activation).waitFor();
}

/** Step 2: type the email, then ENVOYER; resolves once the answer page is shown. */
export async function sendActivation(page: Page, email: string): Promise<void> {
  await page.getByLabel(MEMO.email, { exact: true }).fill(email);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: MEMO.send, exact: true }).click()]);
}

/** Step 3: the message that « doit apparaître ». */
export async function expectMailSent(page: Page): Promise<void> {
  await heading(page, MEMO.activation).waitFor();
  const text = await mainText(page);
  for (const sentence of [MEMO.mailSent, MEMO.mailDelay]) {
    if (!text.includes(sentence)) throw new Error(`missing « ${sentence} » in: ${text}`);
  }
  if (text.includes(MEMO.notRecognized)) throw new Error(`the error shows with the success: ${text}`);
}

/** Step 3, the error path: the memo's error, still on « Activation du compte ». */
export async function expectNotRecognized(page: Page): Promise<void> {
  await heading(page, MEMO.activation).waitFor();
  const text = await mainText(page);
  if (!text.includes(MEMO.notRecognized)) throw new Error(`missing « ${MEMO.notRecognized} » in: ${text}`);
  if (text.includes(MEMO.mailSent)) throw new Error(`the success shows with the error: ${text}`);
}

/** Back on the identification page: identifiant and password from the mail, then « Connexion ». */
export async function logIn(page: Page, identifiant: string, password: string): Promise<void> {
  await page.getByLabel(MEMO.identifiant, { exact: true }).fill(identifiant);
  await page.getByLabel(MEMO.password, { exact: true }).fill(password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: MEMO.login, exact: true }).click()]);
}

export async function expectClientSpace(page: Page, greeting: string): Promise<void> {
  await heading(page, greeting).waitFor();
  if (new URL(page.url()).pathname !== '/espace') throw new Error(`client space expected at /espace, got ${page.url()}`);
}

export async function expectLoginRefused(page: Page): Promise<void> {
  await heading(page, MEMO.identification).waitFor();
  const text = await mainText(page);
  if (!text.includes(MEMO.notRecognized)) throw new Error(`missing « ${MEMO.notRecognized} » in: ${text}`);
}

/** The explicit lock message (SECURITY.md), not the memo's « non reconnu(s) ». */
export async function expectLoginLocked(page: Page): Promise<void> {
  await heading(page, MEMO.identification).waitFor();
  const text = await mainText(page);
  if (!text.includes(fr.security.accountLocked) || text.includes(MEMO.notRecognized)) throw new Error(`« ${fr.security.accountLocked} » expected in: ${text}`);
}

export async function logOut(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Déconnexion', exact: true }).click()]);
  await heading(page, MEMO.identification).waitFor();
}

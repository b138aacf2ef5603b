/**
 * Every page and state a client can meet on the memo's way, reached in order in one context:
 * the empty identification page, its field errors, the refused login, the locked identifiant, the
 * activation panel (whose ENVOYER lifts the lock), its field error, the memo's error, the memo's
 * confirmation, and the client space. `at` is called in
 * each state (axe, zoom, pictures…); a state's name is also its screenshot name.
 */
import type { Page } from 'playwright-core';
import type { Egec, MemoClient } from './egec-server.js';
import { MEMO, expectClientSpace, expectLoginLocked, expectLoginRefused, expectMailSent, expectNotRecognized, followToActivation, logIn, openIdentification, sendActivation } from './memo-steps.js';

export const STATES = [
  'identification',
  'identification-field-errors',
  'identification-refused',
  'identification-locked',
  'activation',
  'activation-field-error',
  'activation-not-recognized',
  'activation-sent',
  'client-space',
] as const;
export type PageState = (typeof STATES)[number];

export async function visitEveryState(page: Page, egec: Egec, client: MemoClient, at: (state: PageState) => Promise<void>): Promise<void> {
  await openIdentification(page);
  await at('identification');
  await logIn(page, '', '');
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await at('identification-field-errors');
  await logIn(page, client.identifiant, 'pas-le-bon');
  await expectLoginRefused(page);
  await at('identification-refused');
  // Wrong passwords up to the lock, then one more: the file is locked until the activation below lifts it.
  for (let i = 1; i < egec.portal.config.loginLock.after; i++) await logIn(page, client.identifiant, 'pas-le-bon');
  await logIn(page, client.identifiant, 'pas-le-bon');
  await expectLoginLocked(page);
  await at('identification-locked');

  await followToActivation(page, MEMO.credentialsLink);
  await at('activation');
  await sendActivation(page, '');
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await at('activation-field-error');
  await sendActivation(page, `inconnu.${client.email}`);
  await expectNotRecognized(page);
  await at('activation-not-recognized');
  await sendActivation(page, client.email);
  await expectMailSent(page);
  await at('activation-sent');

  const mail = await egec.mailFor(client.email, 1);
  await openIdentification(page);
  await logIn(page, mail.identifiant, mail.password);
  await expectClientSpace(page, `Bonjour M. ${client.name}`);
  await at('client-space');
}

/**
 * The memo followed step by step in a real Chromium, as a client would, each scenario at phone and
 * desktop size, with JavaScript on and off: first connection, connection problem, the mistyped
 * email, « mot-de-passe oublié », two mails (only the last counts), logout. The password is read
 * from the mail the SMTP server on 127.0.0.1 received. Every state is photographed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { variants, type Variant } from './support/browser.js';
import type { MailedCredentials, MemoClient } from './support/egec-server.js';
import {
  MEMO,
  expectClientSpace,
  expectLoginRefused,
  expectMailSent,
  expectNotRecognized,
  followToActivation,
  logIn,
  logOut,
  openIdentification,
  sendActivation,
} from './support/memo-steps.js';
import { snap } from './support/screenshots.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite();
const newPage = suite.newPage.bind(suite);

const GREETING = 'Bonjour M. Dupont';

/** Memo points 1 to 3, then the mail (point 4): returns what the `n`-th mail says. */
async function activate(page: Page, client: MemoClient, n: number, link: typeof MEMO.credentialsLink | typeof MEMO.forgottenLink = MEMO.credentialsLink) {
  await openIdentification(page);
  await followToActivation(page, link);
  await sendActivation(page, client.email);
  await expectMailSent(page);
  return suite.egec.mailFor(client.email, n);
}

/** Back on Identification with the mail's identifiant and password, into the client space. */
async function connect(page: Page, mail: MailedCredentials) {
  await openIdentification(page);
  await logIn(page, mail.identifiant, mail.password);
  await expectClientSpace(page, GREETING);
}

describe.each(variants)('the memo in Chromium ($label)', { timeout: 120_000 }, (v) => {
  it('first connection: Identification → « identifiant, mot de passe..... » → Courriel, ENVOYER → the mail → Connexion → the client space', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');

    await openIdentification(page);
    await snap(page, 'identification', v);
    await followToActivation(page, MEMO.credentialsLink);
    await snap(page, 'activation', v);
    await sendActivation(page, client.email);
    await expectMailSent(page);
    await snap(page, 'activation-sent', v);

    const mail = await suite.egec.mailFor(client.email, 1);
    expect(mail.identifiant).toBe(client.identifiant);
    expect(mail.password).toHaveLength(9);

    await connect(page, mail);
    await snap(page, 'client-space', v);
  });

  it('connection problem: the password is refused, then « identifiant, mot de passe..... » sends a new one that works', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');
    const first = await activate(page, client, 1);

    await openIdentification(page);
    await logIn(page, first.identifiant, `${first.password.slice(0, 8)}${first.password.endsWith('x') ? 'y' : 'x'}`);
    await expectLoginRefused(page);
    await snap(page, 'identification-refused', v);

    const second = await activate(page, client, 2, MEMO.credentialsLink);
    expect(second.identifiant).toBe(client.identifiant);
    await connect(page, second);
  });

  it('error path: a mistyped email shows the memo error, the right one then shows the message that must appear', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');

    await openIdentification(page);
    await followToActivation(page, MEMO.credentialsLink);
    await sendActivation(page, client.email.replace('@', 'x@'));
    await expectNotRecognized(page);
    await snap(page, 'activation-not-recognized', v);

    // « Recommencer l'opération, en prenant soin de saisir correctement le courriel. »
    await sendActivation(page, client.email);
    await expectMailSent(page);
    const mail = await suite.egec.mailFor(client.email, 1);
    await connect(page, mail);
  });

  it('« mot-de-passe oublié »: a client who logged in before gets a new password, and it works', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');
    const first = await activate(page, client, 1);
    await connect(page, first);
    await logOut(page);

    const second = await activate(page, client, 2, MEMO.forgottenLink);
    expect(second.password).not.toBe(first.password);
    await connect(page, second);
  });

  it('two mails: only the last one counts, the first password is refused and the second accepted', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');
    const first = await activate(page, client, 1);
    const second = await activate(page, client, 2);
    expect(second.password).not.toBe(first.password);

    await openIdentification(page);
    await logIn(page, first.identifiant, first.password);
    await expectLoginRefused(page);
    await logIn(page, second.identifiant, second.password);
    await expectClientSpace(page, GREETING);
  });

  it('logout: back to Identification, and the client space is closed', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');
    const mail = await activate(page, client, 1);
    await connect(page, mail);

    await logOut(page);
    await snap(page, 'after-logout', v);
    await page.goto('/espace');
    expect(await page.getByRole('heading', { level: 1, name: GREETING }).count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: MEMO.identification }).waitFor();
  });
});

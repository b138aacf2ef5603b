/**
 * Accessibility in a real Chromium: axe (WCAG 2.0–2.2, A and AA) on every page and state at both
 * sizes with JavaScript on and off; the whole memo done with the keyboard alone; errors tied to
 * their field, announced, and given focus after the submit; a visible focus indicator; and the
 * pages at 200 % zoom with nothing lost or scrolled sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { DESKTOP, variants, type Variant } from './support/browser.js';
import { descriptionOf, focused, focusedLiveRegionText, focusOnArrival, tab } from './support/focus.js';
import { MEMO, expectClientSpace, expectMailSent, logIn, openIdentification, sendActivation } from './support/memo-steps.js';
import { visitEveryState } from './support/page-states.js';
import { snap } from './support/screenshots.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite();
const newPage = suite.newPage.bind(suite);

const desktopVariants = variants.filter((v) => v.size === DESKTOP);

/** The identification page's controls in Tab order; JavaScript adds the password's show/hide button. */
function identificationControls(v: Variant): string[] {
  return [
    'a « eGEC »',
    'a « English »',
    'input#identifiant',
    'input#password',
    ...(v.js ? ['button « Afficher le mot de passe »'] : []),
    'button « Connexion »',
    `a « ${MEMO.credentialsLink} »`,
    `a « ${MEMO.forgottenLink} »`,
  ];
}

/** Presses a key that leads to another page and waits for that page. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

/** Tabs forward through `expected`, one element per press, then back with Shift+Tab. */
async function expectTabOrder(page: Page, expected: readonly string[]): Promise<void> {
  const forward: string[] = [];
  for (const _ of expected) forward.push(await tab(page));
  expect(forward).toEqual(expected);
  const backward: string[] = [];
  for (const _ of expected.slice(1)) backward.push(await tab(page, true));
  expect(backward).toEqual([...expected].reverse().slice(1));
}

describe('the axe check itself', { timeout: 60_000 }, () => {
  it.each(desktopVariants)('fails, naming the rule, on a page with an unlabelled field ($label)', async (v) => {
    const page = await newPage(v);
    await page.route('**/unlabelled', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="fr"><title>Essai</title><main><h1>Essai</h1><input id="x" type="text"></main></html>',
      }),
    );
    await page.goto('/unlabelled');
    await expect(expectAccessible(page, 'unlabelled', v)).rejects.toThrow(/\blabel\b.*\n\s+- #x/);
  });
});

describe.each(variants)('accessibility ($label)', { timeout: 240_000 }, (v) => {
  it('axe finds no WCAG 2.2 A/AA violation on any page or state, and nothing scrolls sideways', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Martin');
    const problems: string[] = [];
    await visitEveryState(page, suite.egec, client, async (state) => {
      // The journeys photograph the other states.
      if (state.includes('field-error')) await snap(page, state, v);
      await expectAccessible(page, state, v).catch((error: Error) => problems.push(error.message));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${state}: ${overflow} px of horizontal scrolling at ${v.size.width} px wide`);
    });
    expect(problems.join('\n\n')).toBe('');
  });
});

describe.each(desktopVariants)('keyboard and errors ($label)', { timeout: 120_000 }, (v) => {
  it('the memo with the keyboard alone: Tab, Shift+Tab and Enter, focus landing where expected', async () => {
    const page = await newPage(v);
    const client = await suite.egec.addClient('Dupont');
    await openIdentification(page);
    const controls = identificationControls(v);
    await expectTabOrder(page, controls);
    // Back at « eGEC »: forward to « identifiant, mot de passe..... » and follow it.
    for (let i = 0; i < controls.indexOf(`a « ${MEMO.credentialsLink} »`); i++) await tab(page);
    expect(await focused(page)).toBe(`a « ${MEMO.credentialsLink} »`);
    await pressAndLoad(page, 'Enter');

    await page.getByRole('heading', { level: 1, name: MEMO.activation }).waitFor();
    await expectTabOrder(page, ['a « eGEC »', 'a « English »', 'input#email', `button « ${MEMO.send} »`, "a « Retour à l'identification »"]);
    await tab(page);
    await tab(page);
    expect(await focused(page)).toBe('input#email');
    await page.keyboard.type(client.email);
    await pressAndLoad(page, 'Enter');
    await expectMailSent(page);

    const mail = await suite.egec.mailFor(client.email, 1);
    await openIdentification(page);
    for (let i = 0; i < 3; i++) await tab(page);
    expect(await focused(page)).toBe('input#identifiant');
    await page.keyboard.type(mail.identifiant);
    expect(await tab(page)).toBe('input#password');
    await page.keyboard.type(mail.password);
    if (v.js) expect(await tab(page)).toBe('button « Afficher le mot de passe »');
    expect(await tab(page)).toBe('button « Connexion »');
    await pressAndLoad(page, 'Enter');
    await expectClientSpace(page, 'Bonjour M. Dupont');

    let steps = 0;
    while ((await tab(page)) !== 'button « Déconnexion »') {
      steps += 1;
      expect(steps, 'Déconnexion is reachable with Tab').toBeLessThan(10);
    }
    await pressAndLoad(page, 'Enter');
    await page.getByRole('heading', { level: 1, name: MEMO.identification }).waitFor();
  });

  it('the memo error after ENVOYER is announced, tied to the Courriel field, and has focus', async () => {
    const page = await newPage(v);
    await page.goto('/activation');
    await sendActivation(page, 'personne@inconnu.example');
    expect(await focusedLiveRegionText(page)).toContain(MEMO.notRecognized);
    expect(await descriptionOf(page.getByLabel(MEMO.email, { exact: true }))).toContain(MEMO.notRecognized);
  });

  it('the refused login is announced, tied to both fields, and has focus', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    await logIn(page, '4999999999', 'abcdefghi');
    expect(await focusedLiveRegionText(page)).toContain(MEMO.notRecognized);
    for (const label of [MEMO.identifiant, MEMO.password]) {
      expect(await descriptionOf(page.getByLabel(label, { exact: true })), label).toContain(MEMO.notRecognized);
    }
  });

  it('a field error is tied to its field, marked invalid, and focus is on that field', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    await logIn(page, '', '');
    expect(await focusOnArrival(page)).toBe('input#identifiant');
    for (const [label, message] of [
      [MEMO.identifiant, 'Saisissez votre identifiant'],
      [MEMO.password, 'Saisissez votre mot de passe'],
    ] as const) {
      const input = page.getByLabel(label, { exact: true });
      expect(await input.getAttribute('aria-invalid'), label).toBe('true');
      expect(await descriptionOf(input), label).toContain(message);
    }
    await page.goto('/activation');
    await sendActivation(page, '');
    expect(await focusOnArrival(page)).toBe('input#email');
    expect(await descriptionOf(page.getByLabel(MEMO.email, { exact: true }))).toContain('Saisissez votre courriel');
  });

  it('every control shows a visible focus indicator when reached with Tab', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    const ring = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.activeElement ?? document.body);
        return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow, width: parseFloat(s.outlineWidth) };
      });
    for (const control of identificationControls(v)) {
      const name = await tab(page);
      expect(name).toBe(control);
      const on = await ring();
      // The same control once focus has moved on.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.setAttribute('data-was-focused', ''));
      await page.keyboard.press('Shift+Tab');
      const off = await page.evaluate(() => {
        const el = document.querySelector('[data-was-focused]');
        const s = getComputedStyle(el ?? document.body);
        el?.removeAttribute('data-was-focused');
        return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow, width: parseFloat(s.outlineWidth) };
      });
      await page.keyboard.press('Tab');
      const visible = (on.outline !== off.outline && on.width >= 2) || on.shadow !== off.shadow;
      expect(visible, `${control}: focused ${JSON.stringify(on)} vs not ${JSON.stringify(off)}`).toBe(true);
    }
  });

  it('200 % zoom (640×400 CSS px at scale 2): no sideways scrolling, every control within the width', async () => {
    const page = await newPage(v, { width: DESKTOP.width / 2, height: DESKTOP.height / 2, deviceScaleFactor: 2 });
    const client = await suite.egec.addClient('Bernard');
    const problems: string[] = [];
    await visitEveryState(page, suite.egec, client, async (state) => {
      const found = await page.evaluate(() => {
        const width = window.innerWidth;
        const issues: string[] = [];
        if (document.documentElement.scrollWidth > width) issues.push(`page ${document.documentElement.scrollWidth} px wide in ${width} px`);
        for (const el of document.querySelectorAll<HTMLElement>('a, button, input:not([type="hidden"]), label')) {
          const box = el.getBoundingClientRect();
          const name = `${el.tagName.toLowerCase()} ${el.id || (el.textContent ?? '').trim().slice(0, 30)}`;
          if (box.width === 0 || box.height === 0) issues.push(`${name} not visible`);
          else if (box.left < 0 || box.right > width + 0.5) issues.push(`${name} cut: ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`);
        }
        return issues;
      });
      for (const issue of found) problems.push(`${state}: ${issue}`);
    });
    expect(problems).toEqual([]);
  });
});

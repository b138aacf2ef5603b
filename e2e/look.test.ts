/**
 * The look and weight of the pages in a real Chromium: the identification page weighs under 50 kB
 * in total on a first visit, loads nothing from anywhere but the eGEC server, and has no script
 * that blocks rendering; JavaScript only enhances (the password's show/hide control).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { variants, type Variant } from './support/browser.js';
import { MEMO, openIdentification } from './support/memo-steps.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite();
const newPage = suite.newPage.bind(suite);

const BUDGET_BYTES = 50 * 1024;
const SHOW = 'Afficher le mot de passe';

describe.each(variants)('the identification page ($label)', { timeout: 60_000 }, (v) => {
  it('weighs under 50 kB in all on a first visit (and, as every case, asks nothing of any other server)', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    await page.waitForLoadState('load');
    const requests = suite.visit.requests;
    const sizes = await Promise.all(
      requests.map(async (r) => {
        const s = await r.sizes();
        return { url: r.url(), bytes: s.responseHeadersSize + s.responseBodySize };
      }),
    );
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    expect(sizes.length).toBeGreaterThanOrEqual(2); // the page and its stylesheet at least
    expect(total, JSON.stringify(sizes)).toBeLessThan(BUDGET_BYTES);
  });

  it('has no render-blocking script in <head>', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    const blocking = await page.evaluate(() =>
      [...document.head.querySelectorAll('script')]
        .filter((s) => !(s.defer || s.async || s.type === 'module'))
        .map((s) => s.outerHTML),
    );
    expect(blocking).toEqual([]);
  });

  it(v.js ? 'offers a show/hide control for the password' : 'shows no password control that would need JavaScript', async () => {
    const page = await newPage(v);
    await openIdentification(page);
    const password = page.getByLabel(MEMO.password, { exact: true });
    const toggle = page.getByRole('button', { name: SHOW, exact: true });
    if (!v.js) {
      expect(await toggle.count()).toBe(0);
      expect(await password.getAttribute('type')).toBe('password');
      return;
    }
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await toggle.getAttribute('aria-controls')).toBe(await password.getAttribute('id'));
    await password.fill('fG69a*6jH');
    await toggle.click();
    expect(await password.getAttribute('type')).toBe('text');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await password.inputValue()).toBe('fG69a*6jH');
    await toggle.click();
    expect(await password.getAttribute('type')).toBe('password');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  });
});

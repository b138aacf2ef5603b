/**
 * What the keyboard and assistive technologies see: which element has focus, described the way a
 * person would name it, and the text an element's aria-describedby points to.
 */
import type { Locator, Page } from 'playwright-core';

/** `input#identifiant`, `button « Connexion »`, `a « English »`, `div[role=alert]`, `body`. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return 'body';
    const tag = el.tagName.toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select') return `${tag}#${el.id}`;
    if (tag === 'a' || tag === 'button') return `${tag} « ${(el.textContent ?? '').replace(/\s+/g, ' ').trim()} »`;
    const role = el.getAttribute('role');
    return role === null ? tag : `${tag}[role=${role}]`;
  });
}

/** The text a screen reader reads after the element's name: its aria-describedby targets. */
export function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/**
 * Where focus is once a new page has applied its `autofocus`: the browser does that at its next
 * rendering step, which on a busy machine can come after the load event; waits up to 5 s for focus
 * to leave the body, then tells where it is (still `body` if it never moved, failing the caller).
 */
export async function focusOnArrival(page: Page): Promise<string> {
  await page
    .waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body, undefined, { timeout: 5_000 })
    .catch(() => undefined);
  return focused(page);
}

/** The text of the focused element's live region (role=alert, role=status or aria-live), or null, once the page has placed focus. */
export async function focusedLiveRegionText(page: Page): Promise<string | null> {
  await focusOnArrival(page);
  return page.evaluate(() => {
    const region = document.activeElement?.closest('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])');
    return region ? (region.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
  });
}

/** Tabs (or shift-tabs) once and tells where focus went. */
export async function tab(page: Page, backwards = false): Promise<string> {
  await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  return focused(page);
}

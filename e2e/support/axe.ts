/**
 * axe-core on the page as it stands, against WCAG 2.0, 2.1 and 2.2 levels A and AA. A violation is
 * printed rule by rule, with the failing elements' selectors and axe's summary of what to fix, so
 * the test output alone says what to change.
 *
 * axe is a script: it cannot run in a context with JavaScript off. A page seen without JavaScript
 * is therefore audited in a twin: a JavaScript-on context of the same size that is served the very
 * DOM the first one rendered (styles still come from the server) and refuses every script, so
 * nothing can change that DOM before axe reads it.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import type { Variant } from './browser.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe and throws with a readable list when anything is violated. */
export async function expectAccessible(page: Page, state: string, v: Variant): Promise<void> {
  const violations = v.js ? await violationsOn(page) : await violationsOfTwin(page, v);
  if (violations.length > 0) {
    throw new Error(`axe: ${violations.length} WCAG 2.2 A/AA rule(s) violated on « ${state} » (${v.label}, ${page.url()}):\n${describeViolations(violations)}`);
  }
}

async function violationsOn(page: Page): Promise<Violation[]> {
  return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
}

/** One twin per context, created on first use and closed with it. */
const twins = new WeakMap<BrowserContext, Promise<BrowserContext>>();

function twinOf(page: Page, v: Variant): Promise<BrowserContext> {
  const context = page.context();
  let twin = twins.get(context);
  if (twin === undefined) {
    const browser = context.browser();
    if (browser === null) throw new Error('axe twin: no browser');
    twin = browser.newContext({ viewport: page.viewportSize(), isMobile: v.size.mobile, hasTouch: v.size.mobile, locale: 'fr-FR' });
    twins.set(context, twin);
    context.once('close', () => void twin?.then((t) => t.close()));
  }
  return twin;
}

async function violationsOfTwin(page: Page, v: Variant): Promise<Violation[]> {
  const html = await page.content();
  const url = page.url();
  const copy = await (await twinOf(page, v)).newPage();
  try {
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.resourceType() === 'script') return route.abort();
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return route.continue();
    });
    await copy.goto(url, { waitUntil: 'load' });
    return await violationsOn(copy);
  } finally {
    await copy.close();
  }
}

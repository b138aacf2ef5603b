/**
 * What every browser test file shares: one Chromium and one eGEC server per file (both slow to
 * start), a fresh context per case, closed after it, and one guard on every case: no request may
 * have left for anything but the eGEC server on 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { foreignRequests, launchChromium, openContext, type Variant, type Visit } from './browser.js';
import { startEgec, type Egec } from './egec-server.js';

export interface BrowserSuite {
  /** The server of this file; valid inside tests. */
  readonly egec: Egec;
  /** The current case's context and the requests it made. */
  readonly visit: Visit;
  newPage(v: Variant, viewport?: { width?: number; height?: number; deviceScaleFactor?: number }): Promise<Page>;
}

/** Registers the hooks; call once at the top of a test file. */
export function browserSuite(): BrowserSuite {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let egec: Egec | undefined;
  let visit: Visit | undefined;

  beforeAll(async () => {
    [browser, egec] = await Promise.all([launchChromium(), startEgec()]);
  });
  afterEach(async () => {
    if (visit === undefined) return;
    const foreign = foreignRequests(visit.requests);
    await visit.context.close();
    visit = undefined;
    expect(foreign, 'requests to anything but 127.0.0.1').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await egec?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`);
    return value;
  };
  return {
    get egec() {
      return started(egec, 'the eGEC server');
    },
    get visit() {
      return started(visit, 'no page was opened in this case:');
    },
    async newPage(v, viewport = {}) {
      visit = await openContext(started(browser, 'Chromium'), v, { baseURL: started(egec, 'the eGEC server').url, ...viewport });
      return visit.context.newPage();
    },
  };
}

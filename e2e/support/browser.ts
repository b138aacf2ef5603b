/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. One browser per test
 * file (it is the slow part to start), a fresh context per case, so cookies never leak between
 * cases. Every case runs at phone and desktop size, with JavaScript on and off: the pages must work
 * without JavaScript, and JavaScript may only enhance them.
 */
import { chromium, type Browser, type BrowserContext, type Request } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface Size {
  readonly name: 'phone' | 'desktop';
  readonly width: number;
  readonly height: number;
  readonly mobile: boolean;
}

export const PHONE: Size = { name: 'phone', width: 360, height: 740, mobile: true };
export const DESKTOP: Size = { name: 'desktop', width: 1280, height: 800, mobile: false };

export interface Variant {
  readonly size: Size;
  readonly js: boolean;
  /** `phone-js`, `desktop-nojs`…: the suffix of test names and screenshot files. */
  readonly label: string;
}

const variant = (size: Size, js: boolean): Variant => ({ size, js, label: `${size.name}-${js ? 'js' : 'nojs'}` });

/** The four ways every scenario is run. */
export const variants: readonly Variant[] = [variant(PHONE, true), variant(PHONE, false), variant(DESKTOP, true), variant(DESKTOP, false)];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    // A loaded two-core machine can take a while to start Chromium.
    timeout: 60_000,
  });
}

export interface Visit {
  readonly context: BrowserContext;
  /** Every request the pages made, in order: the tests check none leaves 127.0.0.1. */
  readonly requests: Request[];
}

export interface VisitOptions {
  readonly baseURL: string;
  readonly width?: number;
  readonly height?: number;
  readonly deviceScaleFactor?: number;
}

export async function openContext(browser: Browser, v: Variant, options: VisitOptions): Promise<Visit> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    javaScriptEnabled: v.js,
    viewport: { width: options.width ?? v.size.width, height: options.height ?? v.size.height },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    isMobile: v.size.mobile,
    hasTouch: v.size.mobile,
    // French, as the firm's clients (sent as Accept-Language): the page picks the memo's words.
    locale: 'fr-FR',
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  return { context, requests };
}

/** Requests to anything but the eGEC server under test on 127.0.0.1. */
export function foreignRequests(requests: readonly Request[]): string[] {
  return requests.map((r) => r.url()).filter((url) => {
    const parsed = new URL(url);
    return !(parsed.protocol === 'data:' || parsed.hostname === '127.0.0.1');
  });
}

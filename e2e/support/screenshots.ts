/**
 * A picture of every page and state, at each size and with JavaScript on and off, under
 * test-results/screenshots/<name>-<size>-<js|nojs>.png (git-ignored), for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Variant } from './browser.js';

export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export async function snap(page: Page, name: string, v: Variant): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}-${v.label}.png`);
  // No animation to wait for; the caret blinks, so hide it for stable pictures.
  await page.screenshot({ path: file, fullPage: true, caret: 'hide', animations: 'disabled', timeout: 30_000 });
  return file;
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastWithWhite, loadConfig, type Env } from '../config.js';
import { tempDir, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { webServerFor } from '../test-support/test-portal.js';

// A 1×1 PNG: a real image file, as a firm would give.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('the firm’s brand', () => {
  const t = useFreshDatabase('sqlite');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'logo.png'), PNG);

  async function serve(env: Env) {
    const loaded = loadConfig({ EGEC_DATABASE_URL: t.url, EGEC_LOG_LEVEL: 'silent', ...env }, dir);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    return webServerFor(loaded.config, t.db, new ManualClock());
  }

  it('shows the firm’s name, logo and colour on the pages, escaped', async () => {
    const app = await serve({ EGEC_BRAND_NAME: 'Cabinet Martin & Fils', EGEC_BRAND_COLOR: '#7A1F3D', EGEC_BRAND_LOGO: 'logo.png' });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<img src="/assets/brand-logo" alt="Cabinet Martin &amp; Fils" height="40">');
    expect(page.body).toContain('<title>Identification – Cabinet Martin &amp; Fils</title>');
    expect(page.body).toContain('<link rel="stylesheet" href="/assets/brand.css">');
    const css = await app.inject({ method: 'GET', url: '/assets/brand.css' });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body).toBe(':root { --brand: #7a1f3d; --brand-dark: #5c172e; }\n');
    const logo = await app.inject({ method: 'GET', url: '/assets/brand-logo' });
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.rawPayload.equals(PNG)).toBe(true);
    await app.close();
  });

  it('is eGEC’s own when nothing is configured', async () => {
    const app = await serve({});
    const page = await app.inject({ method: 'GET', url: '/?lang=en' });
    expect(page.body).toContain('<a class="brand" href="/">eGEC</a>');
    expect(page.body).toContain('<title>Sign in – eGEC</title>');
    expect((await app.inject({ method: 'GET', url: '/assets/brand.css' })).body).toContain('--brand: #1f4e8c;');
    expect((await app.inject({ method: 'GET', url: '/assets/brand-logo' })).statusCode).toBe(404);
    await app.close();
  });

  it('refuses a colour white text cannot be read on, a bad format, and unusable logos, one line each', () => {
    fs.writeFileSync(path.join(dir, 'big.png'), Buffer.alloc(40 * 1024));
    fs.writeFileSync(path.join(dir, 'logo.gif'), PNG);
    expect(contrastWithWhite('#ffff00')).toBeLessThan(1.1);
    expect(contrastWithWhite('#1f4e8c')).toBeGreaterThan(4.5);
    const errorsOf = (env: Env) => {
      const result = loadConfig(env, dir);
      return result.ok ? [] : result.errors;
    };
    expect(errorsOf({ EGEC_BRAND_COLOR: '#ffff00' })).toEqual([expect.stringMatching(/^EGEC_BRAND_COLOR: contraste insuffisant .*\(1\.1:1, au moins 4\.5:1/)]);
    expect(errorsOf({ EGEC_BRAND_COLOR: 'bleu' })).toEqual([expect.stringMatching(/^EGEC_BRAND_COLOR: couleur attendue au format #rrggbb/)]);
    expect(errorsOf({ EGEC_BRAND_LOGO: 'big.png' })).toEqual([expect.stringMatching(/^EGEC_BRAND_LOGO: 40 ko, 30 ko au plus/)]);
    expect(errorsOf({ EGEC_BRAND_LOGO: 'absent.png' })).toEqual([expect.stringMatching(/^EGEC_BRAND_LOGO: fichier illisible/)]);
    expect(errorsOf({ EGEC_BRAND_LOGO: 'logo.gif' })).toEqual([expect.stringMatching(/^EGEC_BRAND_LOGO: image \.png, \.jpg, \.webp ou \.svg attendue/)]);
  });

  it('names the mail sender after the firm unless EGEC_MAIL_FROM says otherwise', () => {
    const result = loadConfig({ EGEC_BRAND_NAME: 'Cabinet Martin', EGEC_PUBLIC_URL: 'https://www.egec.pro' }, dir);
    expect(result.ok && result.config.mail.from).toBe('Cabinet Martin <ne-pas-repondre@www.egec.pro>');
  });
});

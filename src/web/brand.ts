/**
 * The firm's brand on every page: its name (and logo) in the header, its main colour through
 * `/assets/brand.css`, a stylesheet rather than inline style because the CSP forbids inline styles.
 * Every request carries the brand, so `requestTexts` shows it without each route passing it on.
 */
import type { FastifyInstance } from 'fastify';
import type { BrandConfig } from '../config.js';
import type { Texts } from '../texts/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    brand: BrandConfig | null;
  }
}

export const BRAND_CSS_PATH = '/assets/brand.css';
export const BRAND_LOGO_PATH = '/assets/brand-logo';

export function registerBrand(app: FastifyInstance, brand: BrandConfig): void {
  // A getter, not a hook: one brand per process, read only by the pages that show it.
  app.decorateRequest('brand', { getter: () => brand });
  const css = `:root { --brand: ${brand.color}; --brand-dark: ${darker(brand.color)}; }\n`;
  app.get(BRAND_CSS_PATH, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  const { logo } = brand;
  if (logo === undefined) return;
  app.get(BRAND_LOGO_PATH, async (_request, reply) =>
    reply
      .type(logo.contentType)
      .header('cache-control', 'public, max-age=3600')
      // An SVG opened on its own must not run anything it may contain.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .send(logo.bytes),
  );
}

/** The catalogue with the firm's name and logo in place of eGEC's. */
export function brandedTexts(texts: Texts, brand: BrandConfig | null): Texts {
  if (brand === null) return texts;
  return { ...texts, portal: { ...texts.portal, siteName: brand.name, siteLogo: brand.logo ? BRAND_LOGO_PATH : '' } };
}

/** The hover shade: the brand colour a quarter of the way to black. */
function darker(hex: string): string {
  const parts = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.75));
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The one browser for in-process HTTP tests (`app.inject`), portal and back-office alike: keeps
 * cookies, fills the CSRF token from the last page it read, and sends forms as a browser without
 * JavaScript does (urlencoded, a repeated field repeated). `textOf` turns a page into the text a
 * reader sees, to compare with the memo.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type FormFields = Record<string, string | readonly string[]>;

export class WebClient {
  private readonly cookies = new Map<string, string>();
  private lastHtml = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { remoteAddress?: string; headers?: Record<string, string> } = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Plants a cookie the server did not set (e.g. a session made directly in the database). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.headers(headers), remoteAddress: this.options.remoteAddress }));
  }

  /** Posts a form; `_csrf` is taken from the last page read unless given. */
  async post(url: string, fields: FormFields = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const withToken: FormFields = '_csrf' in fields ? fields : { _csrf: csrfTokenOf(this.lastHtml), ...fields };
    for (const [name, value] of Object.entries(withToken)) {
      for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
    }
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: body.toString(),
        remoteAddress: this.options.remoteAddress,
      }),
    );
  }

  /** Follows a 303 as a browser does. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location;
    if (response.statusCode !== 303 || typeof location !== 'string') throw new Error(`expected a 303, got ${response.statusCode}`);
    return this.get(location);
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { ...this.options.headers, ...(cookie === '' ? {} : { cookie }), ...extra };
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }
}

export function csrfTokenOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The page's visible text: tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style|title)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

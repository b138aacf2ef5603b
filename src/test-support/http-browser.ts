/**
 * WebClient's twin over real HTTP (fetch), for tests against `egec serve` processes: keeps
 * cookies, fills the CSRF token from the last page read, posts forms urlencoded, never follows
 * redirects by itself. `base` can change between requests, so one browser (one cookie jar) can
 * visit several instances, as a client behind a load balancer does.
 */
import { csrfTokenOf } from './web-client.js';

export interface HttpPage {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

export class HttpBrowser {
  private readonly cookies = new Map<string, string>();
  private lastHtml = '';

  constructor(private readonly headers: Record<string, string> = {}) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get(url: URL): Promise<HttpPage> {
    return this.request(url, { method: 'GET' });
  }

  post(url: URL, fields: Record<string, string>): Promise<HttpPage> {
    const body = new URLSearchParams({ _csrf: csrfTokenOf(this.lastHtml), ...fields }).toString();
    return this.request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  private async request(url: URL, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<HttpPage> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(cookie === '' ? {} : { cookie }), ...init.headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = await response.text();
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) this.lastHtml = body;
    return { status: response.status, location: response.headers.get('location'), body };
  }
}

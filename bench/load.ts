/**
 * Load from this (the bench's) process with autocannon, at a fixed concurrency, against a server
 * in another process. A run counts only if (almost) every answer has the status the scenario
 * expects: a figure made of error pages would measure nothing.
 */
import autocannon from 'autocannon';
import { csrfTokenOf } from '../src/test-support/web-client.js';

export interface LoadResult {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

export interface LoadOptions {
  readonly durationS: number;
  readonly connections: number;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  /** Form bodies sent in turn (one per request, cycling). */
  readonly bodies?: readonly string[];
  readonly expectStatus: number;
  /** Requests per second over all connections (a probe's pace); as fast as answered when absent. */
  readonly rate?: number;
}

export async function load(url: URL, options: LoadOptions): Promise<LoadResult> {
  const { bodies } = options;
  let turn = 0;
  const result = await autocannon({
    url: url.href,
    duration: options.durationS,
    connections: options.connections,
    method: options.method ?? 'GET',
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    headers: {
      ...(bodies === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...options.headers,
    },
    ...(bodies === undefined ? {} : { requests: [{ setupRequest: (request) => ({ ...request, body: bodies[turn++ % bodies.length] }) }] }),
  });
  const expected = result.statusCodeStats?.[`${options.expectStatus}`]?.count ?? 0;
  const answered = result.requests.total;
  if (answered === 0 || expected / answered < 0.99 || result.errors > 0) {
    throw new Error(`${url.pathname}: ${expected}/${answered} answers with ${options.expectStatus}, ${result.errors} errors: ${JSON.stringify(result.statusCodeStats)}`);
  }
  return { rps: answered / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: answered };
}

/** A form as a browser holds it: the CSRF cookie and the token of the page at `formUrl`. */
export async function formSession(formUrl: URL): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(formUrl);
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { cookie, csrf: csrfTokenOf(await page.text()) };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

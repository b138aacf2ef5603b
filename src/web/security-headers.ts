/**
 * Security headers for every response: a CSP without 'unsafe-inline' that loads nothing from
 * outside, no framing, no MIME sniffing, a strict referrer policy; HSTS and upgrade of insecure
 * requests only when eGEC is served over https (on http they would break the site).
 *
 * The values are helmet 8's defaults with our CSP, written out once here and set by one hook:
 * @fastify/helmet (no longer a dependency) rebuilt them from its options on every request (a tenth of GET /'s CPU, issue 8).
 * A route may still override one (the brand logo sets its own CSP).
 */
import type { FastifyInstance } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  return {
    'content-security-policy': (https ? [...CSP, 'upgrade-insecure-requests'] : CSP).join(';'),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}

export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const headers = securityHeaders(https);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

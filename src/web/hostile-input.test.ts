/**
 * Bad input (issue 5, point 7), property-based: random and hostile values posted to every form and
 * sent to every page — huge bodies, Unicode, NUL, CR/LF, SQL and HTML payloads, wrong content
 * types, missing or repeated fields, hostile path segments and query strings — signed in as client
 * and administrator with a valid CSRF token, so the handlers themselves see the input. Never a
 * 5xx, never a stack trace or a source path in the answer, and a refused request (4xx) stores
 * nothing: every table compares equal before and after (per-IP counters aside; a refused sign-in
 * is counted against its account and audited, a 429 audits its refusal).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpStaff } from '../test-support/back-office-app.js';
import { dialects } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { outboxDrained } from '../test-support/outbox-drained.js';
import { servedRoutes } from '../test-support/route-list.js';
import { CLIENT_EMAIL, CLIENT_ID, queueNotice, signedInBrowser, STATE_CHANGING_FORMS, type FormContext } from '../test-support/state-changing-forms.js';
import { changedTables, storedTables } from '../test-support/stored-state.js';
import { startTestPortal, type TestPortal } from '../test-support/test-portal.js';

const PAYLOADS = [
  "' OR '1'='1' --",
  '1; DROP TABLE client; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'dupont@example.fr\r\nBcc: victime@example.fr',
  'a\u0000b',
  '\u202e\u200b\ufeff',
  '𝕖𝕘𝕖𝕔 🙂 é',
  '\ud800',
  '../../../etc/passwd',
  '%00%0d%0a',
  '${jndi:ldap://x}',
  '__proto__',
  CLIENT_EMAIL,
  ` ${CLIENT_EMAIL.toUpperCase()} `,
  CLIENT_ID,
  'x'.repeat(20_000),
];
const FIELD_NAMES = ['email', 'identifiant', 'password', 'code', 'name', 'civility', 'status', 'role', 'csv', 'step', 'confirmation', 'skipInvalid', 'q', 'lang'];
const FORM = 'application/x-www-form-urlencoded';
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
];

const hostileText = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 12 }));
const fieldValue = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.array(hostileText, { minLength: 2, maxLength: 3 }) });
const fields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), fieldValue, { maxKeys: 5 });
const STACK_TRACE = /\n\s+at \S|node_modules|\.[cm]?[jt]s:\d+|\/work\/|\bTypeError\b|\bError:/;

function encode(contentType: string, body: Record<string, string | string[]>, token: string | string[] | undefined, padding: number): string {
  const withToken = token === undefined ? body : { ...body, _csrf: token };
  if (contentType === 'application/json') return JSON.stringify({ ...withToken, pad: 'p'.repeat(padding) });
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return `${JSON.stringify(withToken)}${'p'.repeat(padding)}`;
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(withToken)) for (const one of [value].flat()) form.append(name, one);
  if (padding > 0) form.append('pad', 'p'.repeat(padding));
  return form.toString();
}

/** A path with each `:param` replaced by a hostile segment, every UTF-8 byte percent-encoded. */
function withParams(route: string, segment: string): string {
  const encoded = [...Buffer.from(segment, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  return route.replace(/:\w+|\*/g, encoded);
}

describe.each(dialects)('hostile input on %s', (kind) => {
  let portal: TestPortal;
  let context: FormContext;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, {
      clock,
      smtp: false,
      env: { EGEC_LIMIT_ACTIVATION_EMAIL: '100000/1h', EGEC_LIMIT_ACTIVATION_IP: '100000/1h', EGEC_LIMIT_LOGIN_IP: '100000/1h' },
    });
    await portal.addClient(CLIENT_ID, 'M.', 'Dupont', CLIENT_EMAIL);
    const admin = await setUpStaff(portal.database, clock, 'admin@cabinet.fr', 'admin');
    context = { db: portal.db, clock, admin, mailId: await queueNotice(portal.db, clock) };
  });
  afterAll(async () => {
    await portal?.close();
  });


  it('never a 5xx, never a stack trace, never a stored change on a refusal', async () => {
    const getRoutes = servedRoutes(portal.app, 'GET').filter((route) => !route.startsWith('/assets/'));
    const request = fc.record({
      post: fc.boolean(),
      form: fc.constantFrom(...Object.keys(STATE_CHANGING_FORMS)),
      page: fc.constantFrom(...getRoutes),
      segment: hostileText,
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant(FORM) }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      keepValidFields: fc.boolean(),
      fields,
      token: fc.oneof({ weight: 6, arbitrary: fc.constant('valid' as const) }, { weight: 1, arbitrary: fc.constantFrom('absent' as const, 'repeated' as const, 'forged' as const) }),
      padding: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(17_000, 70_000) }),
      query: fc.dictionary(fc.constantFrom(...FIELD_NAMES, 'page', 'after', 'from', 'to'), hostileText, { maxKeys: 3 }),
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        await outboxDrained(portal.db, clock);
        const { cookie, token } = await signedInBrowser(portal.app, context);
        const query = new URLSearchParams(r.query).toString();
        const { url, fields: validFields } = await STATE_CHANGING_FORMS[r.form]!(context);
        const before = await storedTables(portal.db, ['rate_counter']);
        let answer;
        if (r.post) {
          const csrf = { valid: token, absent: undefined, repeated: [token, token], forged: `${token}x` }[r.token];
          const payload = encode(r.contentType, r.keepValidFields ? { ...validFields, ...r.fields } : r.fields, csrf, r.padding);
          answer = await portal.app.inject({ method: 'POST', url, payload, headers: { 'content-type': r.contentType, cookie } });
        } else {
          answer = await portal.app.inject({ method: 'GET', url: `${withParams(r.page, r.segment)}${query === '' ? '' : `?${query}`}`, headers: { cookie } });
        }
        const where = `${answer.statusCode} ${String(answer.raw.req.method)} ${String(answer.raw.req.url).slice(0, 120)}`;
        expect(answer.statusCode, where).toBeLessThan(500);
        expect(answer.body, where).not.toMatch(STACK_TRACE);
        if (answer.statusCode >= 400) {
          const changed = changedTables(before, await storedTables(portal.db, ['rate_counter']));
          // Refusals that are security events leave their trace: a failed sign-in (401) is counted
          // against the account and audited, a 429 audits its refusal. Nothing else may move.
          const traces: Record<number, readonly string[]> = { 401: ['login_lock', 'audit_event'], 429: ['audit_event'] };
          expect(changed.filter((table) => !(traces[answer.statusCode] ?? []).includes(table)), where).toEqual([]);
        }
      }),
      { numRuns: 400, endOnFailure: true },
    );
  }, 120_000);
});

import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { auditAfterCommit, recordAudit, subjectHash, type AuditDeps } from './audit-log.js';
import { purgeAudit, queryAudit } from './audit-query.js';

const key = Buffer.alloc(32, 7);
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];
const browser = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' };

describe.each(dialects)('audit log on %s', (kind) => {
  const t = useFreshDatabase(kind);
  let deps: AuditDeps;
  let logLines: string[];
  const clock = new ManualClock();
  beforeEach(async () => {
    await t.db.deleteFrom('audit_event').execute();
    logLines = [];
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    deps = { db: t.db, clock, logger, key };
  });

  const everything = async () => (await queryAudit(t.db, { limit: 500 })).events;

  it('records each login failure reason with the identifiant, and the same event in the log', async () => {
    const reasons = ['unknown-identifiant', 'wrong-password', 'superseded-password', 'locked', 'disabled'] as const;
    for (const reason of reasons) await recordAudit(deps, { type: 'login.failed', identifiant: ' 12345678 9O', reason }, browser);
    await recordAudit(deps, { type: 'login.succeeded', identifiant: '1234567890' }, browser);
    const events = await everything();
    expect(events.map((e) => [e.type, e.identifiant, e.detail.reason])).toEqual([
      ['login.succeeded', '1234567890', undefined],
      ...[...reasons].reverse().map((reason) => ['login.failed', '1234567890', reason]),
    ]);
    expect(events[0]).toMatchObject({ at: clock.now(), ip: browser.ip, userAgent: browser.userAgent, staffId: null, subjectHash: null });
    expect(logLines.length).toBe(6);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      msg: 'audit login.failed',
      audit: { type: 'login.failed', identifiants: ['1234567890'], ip: browser.ip, detail: { reason: 'unknown-identifiant' } },
    });
  });

  it('logs an event written inside a transaction once it commits, never one a rollback undid', async () => {
    const undone = auditAfterCommit(deps);
    await expect(
      t.db.transaction().execute(async (tx) => {
        await recordAudit(undone.within(tx), { type: 'login.succeeded', identifiant: '1234567890' }, browser);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(logLines).toEqual([]);
    expect(await everything()).toEqual([]);

    const kept = auditAfterCommit(deps);
    await t.db.transaction().execute(async (tx) => {
      await recordAudit(kept.within(tx), { type: 'login.succeeded', identifiant: '1234567891' }, browser);
      expect(logLines).toEqual([]);
    });
    kept.publish();
    expect(logLines.map((line) => JSON.parse(line).msg)).toEqual(['audit login.succeeded']);
    expect((await everything()).map((e) => e.identifiant)).toEqual(['1234567891']);
  });

  it('keeps an unknown email or a malformed identifiant only as a keyed hash that groups repeated tries', async () => {
    await recordAudit(deps, { type: 'activation.requested', email: 'Someone@Example.org', outcome: 'unknown-email' }, browser);
    await recordAudit(deps, { type: 'activation.requested', email: ' someone@example.org ', outcome: 'limited' }, browser);
    await recordAudit(deps, { type: 'login.failed', identifiant: 'someone@example.org', reason: 'unknown-identifiant' }, browser);
    const stored = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
    expect(stored).not.toMatch(/someone|example/i);
    expect(logLines.join('')).not.toMatch(/someone|example/i);
    const hash = subjectHash(key, 'someone@example.org');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(subjectHash(Buffer.alloc(32, 8), 'someone@example.org'));
    const tries = await queryAudit(t.db, { subjectHash: hash });
    expect(tries.events.map((e) => [e.type, e.identifiant])).toEqual([
      ['login.failed', null],
      ['activation.requested', null],
      ['activation.requested', null],
    ]);
  });

  it('writes one activation row per matched client file', async () => {
    await recordAudit(deps, { type: 'activation.requested', email: 'jean@dupont.fr', outcome: 'matched', identifiants: ['1111111111', '2222222222'] }, browser);
    const events = await everything();
    expect(events.map((e) => e.identifiant).sort()).toEqual(['1111111111', '2222222222']);
    expect(new Set(events.map((e) => e.subjectHash)).size).toBe(1);
    expect(events[0]!.detail).toEqual({ outcome: 'matched' });
  });

  it('records mail status, session end and staff actions', async () => {
    await recordAudit(deps, { type: 'mail.status', mailId: 42, status: 'retrying', identifiants: ['1111111111'], error: '451 4.7.1 try later' });
    await recordAudit(deps, { type: 'session.ended', identifiant: '1111111111', reason: 'logout' }, browser);
    await recordAudit(deps, { type: 'staff.action', staffId: 'staff-7', action: 'client.disable', identifiant: '1111111111', detail: { before: 'active' } }, browser);
    const events = await everything();
    expect(events.map((e) => [e.type, e.staffId, e.detail])).toEqual([
      ['staff.action', 'staff-7', { action: 'client.disable', before: 'active' }],
      ['session.ended', null, { reason: 'logout' }],
      ['mail.status', null, { mailId: 42, status: 'retrying', error: '451 4.7.1 try later' }],
    ]);
    expect(events[2]).toMatchObject({ ip: null, userAgent: null });
  });

  it('escapes CR, LF and control characters so nobody can forge a log line', async () => {
    const forged = 'curl/8\r\n{"level":30,"msg":"audit login.succeeded"}\u001b[2K\u2028';
    await recordAudit(deps, { type: 'staff.action', staffId: 'staff\n7', action: 'note\r\nfake' }, { ip: '198.51.100.1', userAgent: forged });
    expect(logLines.length).toBe(1);
    // Neither the line nor any decoded value holds a control character.
    expect(logLines[0]!.trimEnd()).not.toMatch(CONTROL);
    expect(stringsIn(JSON.parse(logLines[0]!)).some((s) => CONTROL.test(s))).toBe(false);
    const [event] = await everything();
    expect(event?.userAgent).toBe('curl/8\\u000d\\u000a{"level":30,"msg":"audit login.succeeded"}\\u001b[2K\\u2028');
    expect(event?.staffId).toBe('staff\\u000a7');
    expect(event?.detail).toEqual({ action: 'note\\u000d\\u000afake' });
    expect(JSON.parse(logLines[0]!).audit.userAgent).toBe(event?.userAgent);
  });

  it('filters by identifiant, staff, type and time, newest first, page by page', async () => {
    for (let i = 0; i < 7; i++) {
      await recordAudit(deps, { type: 'login.failed', identifiant: '3333333333', reason: 'wrong-password' });
      await recordAudit(deps, { type: 'staff.action', staffId: i % 2 === 0 ? 'alice' : 'bob', action: `a${i}`, identifiant: '3333333333' });
      if (i % 3 === 0) clock.advance(1_000); // several events share a time: paging must not skip or repeat them
    }
    const start = clock.now() - 3_000;
    const all = await everything();
    expect(all.length).toBe(14);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort((a, b) => b - a));

    const seen: number[] = [];
    let page = await queryAudit(t.db, { identifiant: '3333333333', limit: 4 });
    seen.push(...page.events.map((e) => e.id));
    while (page.next !== null) {
      page = await queryAudit(t.db, { identifiant: '3333333333', limit: 4, after: page.next });
      seen.push(...page.events.map((e) => e.id));
    }
    expect(seen).toEqual(all.map((e) => e.id));

    const alice = await queryAudit(t.db, { staffId: 'alice' });
    expect(alice.events.map((e) => e.detail.action)).toEqual(['a6', 'a4', 'a2', 'a0']);
    const failures = await queryAudit(t.db, { types: ['login.failed'], fromMs: start });
    expect(failures.events.length).toBe(all.filter((e) => e.type === 'login.failed' && e.at >= start).length);
    expect(failures.events.every((e) => e.type === 'login.failed' && e.at >= start)).toBe(true);
    const before = await queryAudit(t.db, { toMs: start });
    expect(before.events.every((e) => e.at < start)).toBe(true);
    expect(before.events.length + (await queryAudit(t.db, { fromMs: start, limit: 500 })).events.length).toBe(14);
    expect((await queryAudit(t.db, { types: [] })).events).toEqual([]);
  });

  it('purges what is older than the retention', async () => {
    await recordAudit(deps, { type: 'session.ended', identifiant: '1111111111', reason: 'expired' });
    clock.advance(10 * 86_400_000);
    await recordAudit(deps, { type: 'session.ended', identifiant: '1111111111', reason: 'logout' });
    clock.advance(86_400_000);
    expect(await purgeAudit(t.db, clock, 5 * 86_400_000)).toBe(1);
    expect((await everything()).map((e) => e.detail.reason)).toEqual(['logout']);
  });
});

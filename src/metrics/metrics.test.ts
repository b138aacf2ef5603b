import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import { createMetrics, measuredHasher } from './metrics.js';

describe('metrics', () => {
  it('reads the outbox and locks once per scrape and exposes them in Prometheus text', async () => {
    let reads = 0;
    const metrics = createMetrics({
      outbox: async () => {
        reads++;
        return { queued: 3, retrying: 1, sending: 0, oldestQueuedAgeMs: 42_000, sent: 10, failed: 2, superseded: 4 };
      },
      lockedAccounts: async () => 5,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('egec_outbox_mails{status="queued"} 3');
    expect(text).toContain('egec_outbox_mails{status="superseded"} 4');
    expect(text).toContain('egec_outbox_oldest_queued_age_seconds 42');
    expect(text).toContain('egec_locked_accounts 5');
    expect(text).toContain('egec_process_resident_memory_bytes');
    expect(reads).toBe(1);
  });

  it('counts outcomes and times hashing without changing results', async () => {
    const metrics = createMetrics();
    const inner: PasswordHasher = {
      hash: async (p) => `h:${p}`,
      verify: async (h, p) => h === `h:${p}`,
      verifyUnknown: async () => false,
    };
    const hasher = measuredHasher(inner, metrics);
    expect(await hasher.hash('a')).toBe('h:a');
    expect(await hasher.verify('h:a', 'a')).toBe(true);
    expect(await hasher.verifyUnknown('a')).toBe(false);
    metrics.loginOutcomes.inc({ outcome: 'wrong-password' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('egec_password_hash_duration_seconds_count{operation="hash"} 1');
    expect(text).toContain('egec_password_hash_duration_seconds_count{operation="verify"} 2');
    expect(text).toContain('egec_login_total{outcome="wrong-password"} 1');
  });
});

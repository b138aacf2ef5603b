/**
 * The physical limit: raw argon2id operations per second with the server's costs, on the same
 * cores, `concurrency` in flight (as many as the load's connections), in this process through the
 * same library (@node-rs/argon2 on libuv's thread pool), with no HTTP, database or session around.
 * Measured right before the scenario it is the baseline of, so both see the same machine.
 * Also records this process's event-loop delay meanwhile: what the same hashing load does to a
 * Node process that does nothing else.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Argon2Costs } from '../src/credentials/argon2-hasher.js';

const ARGON2ID = 2 as Algorithm;
/** prom-client's sampling interval for egec_nodejs_eventloop_lag_*: the same here, so the figures compare. */
export const LOOP_RESOLUTION_MS = 10;

export interface RawRate {
  readonly perSecond: number;
  /** Event-loop delay p99 of this process during the run, beyond the sampling interval, ms. */
  readonly loopDelayP99Ms: number;
}

const optionsOf = (costs: Argon2Costs) => ({ algorithm: ARGON2ID, memoryCost: costs.memoryKib, timeCost: costs.timeCost, parallelism: costs.parallelism });

async function rate(durationS: number, concurrency: number, operation: () => Promise<unknown>): Promise<RawRate> {
  let done = 0;
  const monitor = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  monitor.enable();
  const started = performance.now();
  const end = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await operation();
        done++;
      }
    }),
  );
  monitor.disable();
  return { perSecond: done / ((performance.now() - started) / 1000), loopDelayP99Ms: monitor.percentile(99) / 1e6 - LOOP_RESOLUTION_MS };
}

export async function rawVerifies(costs: Argon2Costs, durationS: number, concurrency: number): Promise<RawRate> {
  const password = randomBytes(9).toString('base64url');
  const stored = await hash(password, optionsOf(costs));
  await rate(0.5, concurrency, () => verify(stored, password)); // warm-up: thread pool, allocator
  return rate(durationS, concurrency, () => verify(stored, password));
}

export async function rawHashes(costs: Argon2Costs, durationS: number, concurrency: number): Promise<RawRate> {
  return rate(durationS, concurrency, () => hash(randomBytes(9).toString('base64url'), optionsOf(costs)));
}

/** Mean time of one verification with nothing else of ours running, ms. */
export async function oneVerifyMs(costs: Argon2Costs): Promise<number> {
  const stored = await hash('x', optionsOf(costs));
  return 1000 / (await rate(1, 1, () => verify(stored, 'x'))).perSecond;
}

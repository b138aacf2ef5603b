/**
 * The controllable clock of every test that depends on time (sessions, locks, limits, retries):
 * it starts at a fixed instant and moves only when the test says, so tests move time instead of waiting.
 */
import type { Clock } from '../clock.js';

export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 10, 26, 9, 32)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

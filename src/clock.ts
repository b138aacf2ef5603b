/** Time, passed in everywhere so tests can move it. Epoch milliseconds, like the database. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

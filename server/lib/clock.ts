// Time as a dependency, so that time-dependent rules can be tested with a fake clock.

/** Tells the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock for tests that moves only when told to. */
export class FakeClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 28, 9, 0, 0)) {}
  /** Returns the fake time. */
  now(): number {
    return this.current;
  }
  /** Moves the fake time forward. */
  advance(ms: number): void {
    this.current += ms;
  }
}

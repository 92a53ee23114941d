// A token bucket: each frame costs one token, tokens refill at a steady rate up to a burst.

/** Per-connection rate limit; time comes from the caller so tests can use a fake clock. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    // The epsilon absorbs floating-point drift from many small refills (0.1 + 0.1 + … < 1).
    if (this.tokens + 1e-9 < 1) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }
}

// The token bucket behind the per-connection rate limit.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { TokenBucket } from './rate-limit.js';

function takeMany(bucket: TokenBucket, clock: FakeClock, n: number): number {
  let granted = 0;
  for (let i = 0; i < n; i++) if (bucket.take(clock.now())) granted++;
  return granted;
}

describe('TokenBucket', () => {
  it('grants a full burst at once and nothing more', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(50, 200, clock.now());
    expect(takeMany(bucket, clock, 250)).toBe(200);
  });

  it('refills at the configured rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(50, 200, clock.now());
    takeMany(bucket, clock, 200);
    clock.advance(100);
    expect(takeMany(bucket, clock, 100)).toBe(5);
    clock.advance(1000);
    expect(takeMany(bucket, clock, 100)).toBe(50);
  });

  it('never holds more than the burst, however long it rests', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(50, 20, clock.now());
    clock.advance(3_600_000);
    expect(takeMany(bucket, clock, 100)).toBe(20);
  });

  it('sustains exactly the rate under constant pressure', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 1, clock.now());
    let granted = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      clock.advance(10);
      if (bucket.take(clock.now())) granted++;
    }
    expect(granted).toBeGreaterThanOrEqual(99);
    expect(granted).toBeLessThanOrEqual(101);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from half a second and stops at five seconds without jitter', () => {
    const delays = [0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, 0.5));
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('spreads each delay by at most twenty percent and never exceeds the ceiling', () => {
    expect(backoffDelay(0, 0)).toBe(400);
    expect(backoffDelay(0, 0.999999)).toBe(600);
    expect(backoffDelay(4, 0.999999)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(4, 0)).toBe(4000);
  });

  it('treats negative or fractional attempts as the first ones', () => {
    expect(backoffDelay(-3, 0.5)).toBe(500);
    expect(backoffDelay(1.7, 0.5)).toBe(1000);
  });
});

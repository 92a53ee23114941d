import { describe, expect, it } from 'vitest';
import { levelFromTimeDomain } from './micLevel';

describe('levelFromTimeDomain', () => {
  it('reads silence as zero', () => {
    expect(levelFromTimeDomain(new Uint8Array(512).fill(128))).toBe(0);
    expect(levelFromTimeDomain([])).toBe(0);
  });

  it('grows with loudness and stops at one hundred', () => {
    const quiet = Array.from({ length: 512 }, (_, i) => (i % 2 ? 131 : 125));
    const loud = Array.from({ length: 512 }, (_, i) => (i % 2 ? 160 : 96));
    const clipping = Array.from({ length: 512 }, (_, i) => (i % 2 ? 255 : 0));
    expect(levelFromTimeDomain(quiet)).toBeGreaterThan(0);
    expect(levelFromTimeDomain(loud)).toBeGreaterThan(levelFromTimeDomain(quiet));
    expect(levelFromTimeDomain(clipping)).toBe(100);
  });
});

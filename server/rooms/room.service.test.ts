// Handle derivation: readable, URL-safe, always valid.
import { describe, expect, it } from 'vitest';
import { roomHandleSchema } from '../../shared/limits.js';
import { slugifyHandle } from './room.service.js';

describe('slugifyHandle', () => {
  it.each([
    ['Jörg Weiß', 'joerg-weiss'],
    ['  Anna   Ahrens ', 'anna-ahrens'],
    ['Café Crème', 'cafe-creme'],
    ['A', 'a-lounge'],
    ['!!!', 'lounge'],
    ['Ω', 'lounge'],
  ])('turns %j into %j', (name, handle) => {
    expect(slugifyHandle(name)).toBe(handle);
  });

  it('always yields a valid handle of at most 32 characters', () => {
    for (const name of ['x'.repeat(100), 'ab', '-- a --', 'Müller-Lüdenscheidt GmbH & Co. KG']) {
      const handle = slugifyHandle(name);
      expect(handle.length).toBeLessThanOrEqual(32);
      expect(roomHandleSchema.safeParse(handle).success).toBe(true);
    }
  });
});

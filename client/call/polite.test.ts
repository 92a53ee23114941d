import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../shared/ids';
import { isPolite } from './polite';

const a = 'AAAAAAAAAA' as PeerId;
const b = 'bbbbbbbbbb' as PeerId;

describe('isPolite', () => {
  it('makes exactly one side of a pair polite', () => {
    expect(isPolite(a, b)).not.toBe(isPolite(b, a));
  });

  it('gives the same answer however often it is asked', () => {
    expect(isPolite(a, b)).toBe(isPolite(a, b));
  });

  it('makes the smaller id the polite one', () => {
    expect(isPolite(a, b)).toBe(true);
    expect(isPolite(b, a)).toBe(false);
  });
});

// Slicing long id lists into one statement's worth each.
import { describe, expect, it } from 'vitest';
import { idSlices, MAX_IDS_PER_STATEMENT } from './id-list.js';

describe('idSlices', () => {
  it('keeps every id, in order, in slices no longer than one statement takes', () => {
    const ids = Array.from({ length: 2 * MAX_IDS_PER_STATEMENT + 3 }, (_, i) => `id${i}`);
    const slices = idSlices(ids);
    expect(slices.map((s) => s.length)).toEqual([MAX_IDS_PER_STATEMENT, MAX_IDS_PER_STATEMENT, 3]);
    expect(slices.flat()).toEqual(ids);
    expect(idSlices([])).toEqual([]);
  });
});

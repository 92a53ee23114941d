// The slot window query: epoch milliseconds from a query string, order and span.
import { describe, expect, it } from 'vitest';
import { slotWindowQuerySchema } from './booking.schemas.js';

const DAY_MS = 86_400_000;
const from = Date.UTC(2026, 2, 1);

/** The messages of a failed parse, or [] when it succeeds. */
function messages(value: unknown): string[] {
  const result = slotWindowQuerySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('slotWindowQuerySchema', () => {
  it('reads epoch milliseconds from query strings', () => {
    expect(slotWindowQuerySchema.parse({ from: String(from), to: String(from + DAY_MS) })).toEqual({
      from,
      to: from + DAY_MS,
    });
    expect(messages({ from, to: from + 62 * DAY_MS })).toEqual([]);
  });

  it('refuses a window that is empty, reversed or longer than 62 days', () => {
    expect(messages({ from, to: from })).toEqual(['"to" must be after "from"']);
    expect(messages({ from, to: from - 1 })).toEqual(['"to" must be after "from"']);
    expect(messages({ from, to: from + 62 * DAY_MS + 1 })).toEqual([
      'the window may span at most 62 days',
    ]);
  });

  it('refuses values that are not whole epoch milliseconds', () => {
    expect(messages({ from: 'tomorrow', to: from })).toEqual(['expected epoch milliseconds']);
    expect(messages({ from: '1.5', to: from })).toEqual(['expected whole epoch milliseconds']);
    expect(messages({ from: '-1', to: from })).toEqual(['expected an instant after 1970']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoment, formatReadingTime, timeTickLabels } from './time-axis';

const ZONE = 'Europe/Berlin';
// 5 Dec 2026, 14:30 in Berlin (UTC+1).
const T = Date.UTC(2026, 11, 5, 13, 30);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('timeTickLabels', () => {
  it('shows seconds when ticks are less than a minute apart, the date on the first tick', () => {
    const labels = timeTickLabels([T, T + 10_000, T + 20_000], 10_000, 'de', ZONE);
    expect(labels).toEqual(['5. Dez.\n14:30:00', '14:30:10', '14:30:20']);
  });

  it('shows times of day, with the date where a new day begins, in the given zone', () => {
    const start = Date.UTC(2026, 11, 5, 21, 0);
    const labels = timeTickLabels(
      [start, start + 2 * HOUR, start + 4 * HOUR],
      2 * HOUR,
      'en',
      ZONE,
    );
    expect(labels).toEqual(['Dec 5\n22:00', 'Dec 6\n00:00', '02:00']);
  });

  it('shows dates for ticks a day or more apart', () => {
    const labels = timeTickLabels([T, T + 24 * HOUR], 24 * HOUR, 'de', ZONE);
    expect(labels).toEqual(['5. Dez.', '6. Dez.']);
  });
});

describe('formatMoment', () => {
  it('gives date and time in full, on a 24-hour clock in every language', () => {
    expect(formatMoment(T, 'de', ZONE)).toBe('05.12.2026, 14:30:00');
    expect(formatMoment(T, 'en', ZONE)).toBe('Dec 5, 2026, 14:30:00');
  });
});

describe('formatReadingTime', () => {
  it('gives the time alone on the same day, else date and time, on a 24-hour clock', () => {
    expect(formatReadingTime(T, T + HOUR, 'en', ZONE)).toBe('14:30:00');
    expect(formatReadingTime(T, T + 24 * HOUR, 'en', ZONE)).toBe('Dec 5, 2026, 14:30:00');
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatDayLong,
  formatDayShort,
  formatOtherClock,
  formatRangeIn,
  formatTimeIn,
  weekdayName,
} from './format';

const at = (iso: string) => Date.parse(iso);

describe('times in a zone', () => {
  it('shows the clock of the zone on a 24-hour dial', () => {
    const instant = at('2026-12-01T14:00:00Z');
    expect(formatTimeIn(instant, 'America/New_York', 'en')).toBe('09:00');
    expect(formatTimeIn(instant, 'Europe/Berlin', 'de')).toBe('15:00');
    expect(formatRangeIn({ start: instant, end: instant + 1_800_000 }, 'Europe/Berlin', 'en')).toBe(
      '15:00–15:30',
    );
  });

  it('falls back to UTC for a zone the browser does not know', () => {
    expect(formatTimeIn(at('2026-12-01T14:00:00Z'), 'Mars/Olympus', 'en')).toBe('14:00');
  });
});

describe('formatOtherClock', () => {
  it("gives the seller's time when it differs", () => {
    const instant = at('2026-12-01T14:00:00Z');
    expect(formatOtherClock(instant, 'America/New_York', 'Europe/Berlin', 'en')).toBe('15:00');
  });

  it('adds the date when the other clock is on another day', () => {
    const instant = at('2026-12-01T23:30:00Z'); // 18:30 in New York, 00:30 next day in Berlin
    expect(formatOtherClock(instant, 'America/New_York', 'Europe/Berlin', 'en')).toBe(
      'Wed, Dec 2, 00:30',
    );
  });

  it('says nothing when both clocks agree', () => {
    const instant = at('2026-12-01T14:00:00Z');
    expect(formatOtherClock(instant, 'Europe/Paris', 'Europe/Berlin', 'en')).toBeNull();
  });
});

describe('days', () => {
  it('names days in the UI language, whatever the zone of the browser', () => {
    expect(formatDayShort('2026-12-01', 'en')).toBe('Tue, Dec 1');
    expect(formatDayLong('2026-12-01', 'de')).toBe('Dienstag, 1. Dezember 2026');
    expect(weekdayName('mon', 'en')).toBe('Monday');
    expect(weekdayName('sun', 'de')).toBe('Sonntag');
  });
});

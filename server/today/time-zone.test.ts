// Wall-clock arithmetic in IANA zones: reading the local clock and finding the instant of a local time.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isoWeekday,
  resolveTimeZone,
  wallClock,
  zonedTimeToEpoch,
} from './time-zone.js';

describe('time zones', () => {
  it('reads the wall clock, weekday included, in the given zone', () => {
    // Sunday 29 November 2026, 16:00 UTC.
    const now = Date.UTC(2026, 10, 29, 16, 0);
    expect(wallClock(now, 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      weekday: 7,
      minutes: 17 * 60,
    });
    expect(wallClock(now, 'Asia/Tokyo')).toMatchObject({ day: 30, weekday: 1, minutes: 60 });
    expect(wallClock(now, 'America/Chicago')).toMatchObject({ day: 29, minutes: 10 * 60 });
  });

  it('reads midnight as 0 minutes, not 24 hours', () => {
    expect(wallClock(Date.UTC(2026, 0, 1, 23, 0), 'Europe/Berlin')).toMatchObject({
      day: 2,
      minutes: 0,
    });
  });

  it('finds the instant of a local time on either side of a daylight-saving switch', () => {
    const berlin = 'Europe/Berlin';
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 28 }, 9 * 60, berlin)).toBe(
      Date.UTC(2026, 2, 28, 8, 0),
    );
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 29 }, 9 * 60, berlin)).toBe(
      Date.UTC(2026, 2, 29, 7, 0),
    );
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 29 }, 0, berlin)).toBe(
      Date.UTC(2026, 2, 28, 23, 0),
    );
  });

  it('moves a skipped local time forward and takes the earlier of a repeated one', () => {
    const berlin = 'Europe/Berlin';
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, berlin)).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    expect(zonedTimeToEpoch({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, berlin)).toBe(
      Date.UTC(2026, 9, 25, 0, 30),
    );
    expect(zonedTimeToEpoch({ year: 2026, month: 11, day: 1 }, 60 + 30, 'America/Chicago')).toBe(
      Date.UTC(2026, 10, 1, 6, 30),
    );
  });

  it('adds and counts calendar days across months, years and leap days', () => {
    expect(addDays({ year: 2026, month: 12, day: 28 }, 5)).toEqual({
      year: 2027,
      month: 1,
      day: 2,
    });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
    expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({
      year: 2027,
      month: 2,
      day: 28,
    });
    expect(daysBetween({ year: 2026, month: 12, day: 28 }, { year: 2027, month: 1, day: 4 })).toBe(
      7,
    );
    expect(daysBetween({ year: 2026, month: 3, day: 30 }, { year: 2026, month: 3, day: 28 })).toBe(
      -2,
    );
  });

  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(isoWeekday({ year: 2026, month: 11, day: 30 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 11, day: 29 })).toBe(7);
  });

  it('falls back to Europe/Berlin for a missing or unknown zone', () => {
    expect(resolveTimeZone('America/Chicago')).toEqual({ zone: 'America/Chicago', assumed: false });
    expect(resolveTimeZone(null)).toEqual({ zone: 'Europe/Berlin', assumed: true });
    expect(resolveTimeZone('Nowhere/Special')).toEqual({ zone: 'Europe/Berlin', assumed: true });
  });
});

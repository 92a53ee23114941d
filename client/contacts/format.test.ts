import { describe, expect, it } from 'vitest';
import {
  ageTurning,
  durationMinutes,
  firstLine,
  formatBirthday,
  formatList,
  formatReachWindows,
  formatRelativeTime,
  formatWeekdayTime,
  zoneCity,
} from './format';

const NOW = Date.UTC(2026, 11, 2, 12, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('formatRelativeTime', () => {
  it('picks the largest fitting unit, in German and English', () => {
    expect(formatRelativeTime(NOW - 20_000, NOW, 'de')).toBe('jetzt');
    expect(formatRelativeTime(NOW - 5 * MINUTE, NOW, 'de')).toBe('vor 5 Minuten');
    expect(formatRelativeTime(NOW - 3 * 60 * MINUTE, NOW, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(NOW - DAY, NOW, 'de')).toBe('gestern');
    expect(formatRelativeTime(NOW - 3 * DAY, NOW, 'de')).toBe('vor 3 Tagen');
    expect(formatRelativeTime(NOW - 14 * DAY, NOW, 'en')).toBe('2 weeks ago');
    expect(formatRelativeTime(NOW - 90 * DAY, NOW, 'de')).toBe('vor 3 Monaten');
    expect(formatRelativeTime(NOW - 800 * DAY, NOW, 'en')).toBe('2 years ago');
  });

  it('speaks of the future as well', () => {
    expect(formatRelativeTime(NOW + DAY, NOW, 'de')).toBe('morgen');
    expect(formatRelativeTime(NOW + 7 * DAY, NOW, 'en')).toBe('next week');
  });
});

describe('formatWeekdayTime', () => {
  it('shows the weekday without a dot and a 24-hour time in the given zone', () => {
    const at = Date.UTC(2026, 11, 8, 7, 0); // Tuesday 08:00 in Berlin
    expect(formatWeekdayTime(at, 'Europe/Berlin', 'de')).toBe('Di 08:00');
    expect(formatWeekdayTime(at, 'Europe/Berlin', 'en')).toBe('Tue 08:00');
    expect(formatWeekdayTime(at, 'America/Chicago', 'de')).toBe('Di 01:00');
  });

  it('falls back to the runtime zone for an unknown zone instead of failing', () => {
    expect(formatWeekdayTime(NOW, 'Mars/Olympus', 'de')).toMatch(/^\S+ \d\d:\d\d$/);
  });
});

describe('zoneCity', () => {
  it('takes the last part of the zone and replaces underscores', () => {
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});

describe('formatBirthday and ageTurning', () => {
  it('shows day and month, with the year only when known', () => {
    expect(formatBirthday({ day: 12, month: 3, year: null }, 'de')).toBe('12. März');
    expect(formatBirthday({ day: 12, month: 3, year: 1975 }, 'en')).toBe('March 12, 1975');
    expect(formatBirthday({ day: 29, month: 2, year: null }, 'de')).toBe('29. Februar');
  });

  it('knows the age only with a birth year', () => {
    expect(ageTurning({ day: 1, month: 1, year: 1976 }, 2026)).toBe(50);
    expect(ageTurning({ day: 1, month: 1, year: null }, 2026)).toBeNull();
  });
});

describe('formatReachWindows', () => {
  it('writes day runs as ranges and pairs as lists', () => {
    const windows = [
      { days: [2, 3, 4], from: '08:00', to: '10:00' },
      { days: [6, 7], from: '10:00', to: '12:00' },
    ];
    expect(formatReachWindows(windows, 'de')).toBe('Di–Do 08:00–10:00; Sa, So 10:00–12:00');
    expect(formatReachWindows(windows, 'en')).toBe('Tue–Thu 08:00–10:00; Sat, Sun 10:00–12:00');
  });
});

describe('firstLine and durationMinutes', () => {
  it('keeps only the first line of a text', () => {
    expect(firstLine('  Segeln am Bodensee\nund Jazz')).toBe('Segeln am Bodensee');
  });

  it('rounds a duration to whole minutes, at least one', () => {
    expect(durationMinutes(23 * MINUTE + 20_000)).toBe(23);
    expect(durationMinutes(5_000)).toBe(1);
  });
});

describe('formatList', () => {
  it('joins items the way each language lists them', () => {
    expect(formatList(['a@x.de', 'b@x.de', 'c@x.de'], 'de')).toBe('a@x.de, b@x.de und c@x.de');
    expect(formatList(['Role', 'Family'], 'en')).toBe('Role and Family');
    expect(formatList(['kunde'], 'de')).toBe('kunde');
  });
});

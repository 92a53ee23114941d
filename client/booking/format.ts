// Booking times in words of the UI language, in a given zone: a slot's time, a day of the picker,
// a meeting's date, and the same moment as the other side's clock shows it. The words come from
// Intl (the browser's locale data); sentences around them come from the translation files.
import { dateKeyIn, utcMidnightOf } from './zones';
import type { DateKey } from './zones';

const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per language, zone and style; unknown zones fall back to UTC rather than throw.
function formatter(
  language: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(language, { ...options, timeZone: zone });
    } catch {
      found = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, found);
  }
  return found;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** A time of day as the clock in `zone` shows it: "15:00". */
export function formatTimeIn(instant: number, zone: string, language: string): string {
  return formatter(language, zone, TIME).format(instant);
}

/** A meeting's start and end as the clock in `zone` shows them: "15:00–15:30". */
export function formatRangeIn(
  range: { start: number; end: number },
  zone: string,
  language: string,
): string {
  return `${formatTimeIn(range.start, zone, language)}–${formatTimeIn(range.end, zone, language)}`;
}

/** A day of the picker, short: "Tue, Dec 1" or "Di., 1. Dez.". */
export function formatDayShort(key: DateKey, language: string): string {
  return formatter(language, 'UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(
    utcMidnightOf(key),
  );
}

/** A day in full: "Tuesday, December 1, 2026" or "Dienstag, 1. Dezember 2026". */
export function formatDayLong(key: DateKey, language: string): string {
  return formatter(language, 'UTC', { dateStyle: 'full' }).format(utcMidnightOf(key));
}

/** The date an instant falls on in `zone`, in full. */
export function formatDateIn(instant: number, zone: string, language: string): string {
  return formatDayLong(dateKeyIn(instant, zone), language);
}

/** A month and year for the picker's heading: "December 2026". */
export function formatMonth(key: DateKey, language: string): string {
  return formatter(language, 'UTC', { month: 'long', year: 'numeric' }).format(utcMidnightOf(key));
}

/** A date and time in `zone`, compact, for lists: "05.12.2026, 14:30". */
export function formatDateTimeIn(instant: number, zone: string, language: string): string {
  return formatter(language, zone, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/**
 * The time a clock in `other` shows at an instant that the reader sees in `own`: just the time
 * when both clocks are on the same date ("21:00"), else with the short date ("Wed, Dec 2, 03:00");
 * null when both clocks show the same (no need to say it twice).
 */
export function formatOtherClock(
  instant: number,
  own: string,
  other: string,
  language: string,
): string | null {
  const time = formatTimeIn(instant, other, language);
  const ownDay = dateKeyIn(instant, own);
  const otherDay = dateKeyIn(instant, other);
  if (otherDay === ownDay && time === formatTimeIn(instant, own, language)) return null;
  return otherDay === ownDay ? time : `${formatDayShort(otherDay, language)}, ${time}`;
}

// 2024-01-01 was a Monday: the weekdays of that week, in WEEKDAYS order.
const MONDAY_2024 = Date.UTC(2024, 0, 1);
const WEEKDAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

/** A weekday's name in the language: "Monday", "Montag". */
export function weekdayName(day: keyof typeof WEEKDAY_INDEX, language: string): string {
  return formatter(language, 'UTC', { weekday: 'long' }).format(
    MONDAY_2024 + WEEKDAY_INDEX[day] * 86_400_000,
  );
}

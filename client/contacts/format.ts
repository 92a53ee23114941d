// Formatting of the relationship memory's values in the UI language: relative times, weekdays
// with times in a person's zone, birthdays and best-reach windows (phone numbers are in
// phone.ts). The words come from Intl (the browser's own locale data), not translation files.
import { formatReach } from '../../shared/reach-text';
import type { Birthday, ReachWindow } from '../../shared/contacts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const RELATIVE_STEPS: readonly { limit: number; unit: Intl.RelativeTimeFormatUnit; ms: number }[] =
  [
    { limit: HOUR, unit: 'minute', ms: MINUTE },
    { limit: DAY, unit: 'hour', ms: HOUR },
    { limit: 7 * DAY, unit: 'day', ms: DAY },
    { limit: 30 * DAY, unit: 'week', ms: 7 * DAY },
    { limit: 365 * DAY, unit: 'month', ms: 30 * DAY },
    { limit: Infinity, unit: 'year', ms: 365 * DAY },
  ];

/**
 * Says how long ago (or how far ahead) `at` is from `now`, in the largest fitting unit:
 * "vor 3 Tagen", "gestern", "in 2 weeks". Under a minute reads as "now".
 */
export function formatRelativeTime(at: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const diff = at - now;
  const size = Math.abs(diff);
  if (size < MINUTE) return format.format(0, 'second');
  for (const step of RELATIVE_STEPS) {
    if (size < step.limit) return format.format(Math.round(diff / step.ms), step.unit);
  }
  return format.format(Math.round(diff / (365 * DAY)), 'year');
}

/** The city part of an IANA zone, for people: "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
}

/**
 * A weekday and time as a wall clock in `zone` shows them, compactly: "Di 08:00", "Tue 08:00".
 * Falls back to the runtime's zone when `zone` is unknown.
 */
export function formatWeekdayTime(
  epoch: number,
  zone: string | undefined,
  language: string,
): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(language, zone ? { ...options, timeZone: zone } : options);
  } catch {
    formatter = new Intl.DateTimeFormat(language, options);
  }
  const parts = formatter.formatToParts(epoch);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  // German short weekdays carry a dot ("Di."), which reads oddly before a time.
  const weekday = part('weekday').replace(/\.$/, '');
  return `${weekday} ${part('hour')}:${part('minute')}`;
}

/** A time of day in the viewer's own zone, e.g. "14:30". */
export function formatTime(epoch: number, language: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(epoch);
}

/** A date in the viewer's own zone, e.g. "5. Dez. 2026". */
export function formatDate(epoch: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(epoch);
}

/** A date and time in the viewer's own zone, e.g. "05.12.2026, 14:30". */
export function formatDateTime(epoch: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    epoch,
  );
}

/** A birthday as day and month, with the year when known: "12. März 1975", "March 12". */
export function formatBirthday(birthday: Birthday, language: string): string {
  const date = Date.UTC(birthday.year ?? 2000, birthday.month - 1, birthday.day);
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'long',
    ...(birthday.year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** The age someone turns on their birthday in `year`, or null without a birth year. */
export function ageTurning(birthday: Birthday, year: number): number | null {
  return birthday.year ? year - birthday.year : null;
}

/** Best-reach windows as compact text in the UI language: "Di–Do 08:00–10:00; Sa 10:00–12:00". */
export function formatReachWindows(windows: readonly ReachWindow[], language: string): string {
  return formatReach(windows, language.startsWith('de') ? 'de' : 'en');
}

/** The first line of a longer text, for "at a glance" views. */
export function firstLine(text: string): string {
  return text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
}

/** Whole minutes of a duration for display, at least 1. */
export function durationMinutes(ms: number): number {
  return Math.max(1, Math.round(ms / MINUTE));
}

/** Items joined as a list in the UI language: "a, b and c" / "a, b und c". */
export function formatList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

// Wall-clock arithmetic in IANA time zones with nothing but Intl, for reach windows and for the
// "today" of birthdays, next steps and meetings. Calendar dates are plain { year, month, day }
// values computed in UTC, so adding a day never trips over a daylight-saving switch.

/**
 * The zone assumed when a contact has none (or one this runtime does not know). Nahbar's users
 * sell for the German Mittelstand, so an unknown customer most likely sits in Germany.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;

/** A day on the calendar, with no time zone attached (month 1–12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** An instant as the clock on the wall reads it in some zone. */
export interface WallClock extends CalendarDate {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

/** A zone to compute in, and whether it was assumed because the contact had no usable one. */
export interface ResolvedZone {
  zone: string;
  assumed: boolean;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using it, and the
// Today list asks for the same few zones once per contact.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        // h23, not hour12: false, which some ICU versions render as "24" at midnight.
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Picks the zone to compute in: the contact's own if this runtime knows it, else the default. */
export function resolveTimeZone(zone: string | null): ResolvedZone {
  // Stored zones were validated on input, but a runtime with other ICU data may not know one;
  // a wrong local time for one contact is better than no Today list at all.
  if (zone !== null && formatterFor(zone) !== null) return { zone, assumed: false };
  return { zone: DEFAULT_TIME_ZONE, assumed: true };
}

// formatToParts costs tens of microseconds, and ranking asks the same few (instant, zone)
// pairs for thousands of candidates (everyone's "now" in their zone): recent answers are kept.
const recentWalls = new Map<string, number>();
const MAX_RECENT_WALLS = 512;

// The zone's wall clock at `epoch`, read as if it were UTC: wall minus epoch is the UTC offset.
function wallAsUtc(epoch: number, zone: string): number {
  const key = `${zone} ${epoch}`;
  const known = recentWalls.get(key);
  if (known !== undefined) return known;
  const formatter = formatterFor(zone) ?? formatterFor(DEFAULT_TIME_ZONE);
  if (formatter === null) throw new Error(`no time zone data for ${DEFAULT_TIME_ZONE}`);
  const part: Record<string, number> = {};
  for (const { type, value } of formatter.formatToParts(epoch)) part[type] = Number(value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (recentWalls.size >= MAX_RECENT_WALLS) recentWalls.clear();
  recentWalls.set(key, wall);
  return wall;
}

/** The UTC offset of `zone` at the instant `epoch`, in milliseconds (positive east of Greenwich). */
export function offsetAt(epoch: number, zone: string): number {
  // Whole seconds only: the formatter drops milliseconds.
  return wallAsUtc(epoch, zone) - Math.floor(epoch / 1000) * 1000;
}

// Ranking reads the same instant in the same zone for most candidates (everyone's "now" in
// Europe/Berlin): the last answer is kept, frozen, since callers share it.
let lastWall: { epoch: number; zone: string; wall: Readonly<WallClock> } | null = null;

/** Reads the wall clock of `zone` at the instant `epoch`. */
export function wallClock(epoch: number, zone: string): Readonly<WallClock> {
  if (lastWall !== null && lastWall.epoch === epoch && lastWall.zone === zone) return lastWall.wall;
  const wall = new Date(wallAsUtc(epoch, zone));
  const date = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
  };
  const read = Object.freeze({
    ...date,
    weekday: isoWeekday(date),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  });
  lastWall = { epoch, zone, wall: read };
  return read;
}

/**
 * The instant at which the wall clock of `zone` shows `minutes` after midnight on `date`.
 * A time skipped by a spring-forward switch is moved forward by the gap (02:30 becomes 03:30),
 * and a time that occurs twice after a fall-back switch takes the earlier one, as Temporal's
 * "compatible" disambiguation does.
 */
export function zonedTimeToEpoch(date: CalendarDate, minutes: number, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Zones change their offset at most once in any day, so the offsets a day either side are
  // the only two the answer can have.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const matches = [wall - before, wall - after].filter((t) => wallAsUtc(t, zone) === wall);
  if (matches.length > 0) return Math.min(...matches);
  return wall - before;
}

/** The calendar date `days` after `date` (or before, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const ms =
    Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / DAY_MS);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

/** Reads "HH:MM" as minutes since midnight. */
export function parseMinutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

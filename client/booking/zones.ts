// Time zones for the booking pages, without a date library: dates as "YYYY-MM-DD" keys of a
// zone's calendar, the first instant of such a day (also when midnight is skipped or repeated by
// a daylight-saving change), zone names and labels, and the zones a guest can choose from.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar date as "YYYY-MM-DD", in whatever zone it was read. */
export type DateKey = string;

// Building an Intl.DateTimeFormat is the slow part; a page formats hundreds of slots in a few zones.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock of `zone` at an instant, as if it were UTC (epoch ms of that wall time). */
function wallClock(instant: number, zone: string): number {
  const parts = partFormatter(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/** How far `zone` is ahead of UTC at an instant, in milliseconds (whole seconds). */
export function zoneOffsetMs(instant: number, zone: string): number {
  return wallClock(instant, zone) - Math.floor(instant / 1000) * 1000;
}

/** Whether the runtime knows `zone` as a time zone. */
export function isKnownZone(zone: string): boolean {
  try {
    partFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The browser's own zone, or UTC where it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function keyOfUtcDate(utc: number): DateKey {
  const d = new Date(utc);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The UTC midnight of a date key, for calendar arithmetic and for formatting the date alone. */
export function utcMidnightOf(key: DateKey): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The calendar date an instant falls on in `zone`. */
export function dateKeyIn(instant: number, zone: string): DateKey {
  return keyOfUtcDate(wallClock(instant, zone));
}

/** The date `days` later (or earlier, when negative). */
export function addDays(key: DateKey, days: number): DateKey {
  return keyOfUtcDate(utcMidnightOf(key) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: DateKey, b: DateKey): number {
  return Math.round((utcMidnightOf(b) - utcMidnightOf(a)) / DAY_MS);
}

/**
 * The first instant of a date in `zone`: its midnight, the earlier one where midnight happens
 * twice, and the moment the clocks jump where midnight is skipped (e.g. Chile in September).
 */
export function startOfDay(key: DateKey, zone: string): number {
  const wall = utcMidnightOf(key);
  // The real instant lies within a day of the wall time read as UTC; the offsets on either side
  // are the only ones it can have (one daylight-saving change at most in two days).
  const before = wall - zoneOffsetMs(wall - DAY_MS, zone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, zone);
  const exact = [before, after].filter((t) => wallClock(t, zone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // Midnight is skipped: the day begins when the clocks jump, which is where the old offset
  // would have put midnight.
  return before;
}

/** The dates from `first`, `count` days in all. */
export function dateRange(first: DateKey, count: number): DateKey[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(first, i));
}

/** A zone for people: "America/New_York" → "America/New York". */
export function zoneName(zone: string): string {
  return zone.replaceAll('_', ' ');
}

/** The zone's UTC offset at an instant as the language writes it, e.g. "GMT+1", "GMT−5". */
export function zoneOffsetLabel(zone: string, instant: number, language: string): string {
  try {
    const parts = new Intl.DateTimeFormat(language, {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    }).formatToParts(instant);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value;
    if (name) return name;
  } catch {
    // Older engines without 'shortOffset': count it ourselves.
  }
  const minutes = Math.round(zoneOffsetMs(instant, zone) / MINUTE_MS);
  if (minutes === 0) return 'GMT';
  const sign = minutes < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `GMT${sign}${h}${m ? `:${pad(m)}` : ''}`;
}

/** A zone with its offset at an instant: "Europe/Berlin (GMT+1)". */
export function zoneLabel(zone: string, instant: number, language: string): string {
  return `${zoneName(zone)} (${zoneOffsetLabel(zone, instant, language)})`;
}

/** Zones most guests of a German machine builder are in, offered first. */
export const COMMON_ZONES = [
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Zurich',
  'Europe/London',
  'Europe/Paris',
  'Europe/Warsaw',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
] as const;

/** The zones to choose from: the suggested ones first, then every other zone A–Z. */
export interface ZoneChoices {
  suggested: string[];
  others: string[];
}

/**
 * Orders the zones a guest may pick: their own (the browser's), the seller's and the common ones,
 * then all others the runtime knows (`all`, e.g. `Intl.supportedValuesOf('timeZone')`); no zone
 * appears twice and unknown ones are left out.
 */
export function zoneChoices(
  own: string,
  seller: string,
  all: readonly string[],
  known: (zone: string) => boolean = isKnownZone,
): ZoneChoices {
  const suggested = [...new Set([own, seller, ...COMMON_ZONES])].filter(known);
  // Browsers list some zones by their old names (Asia/Calcutta for Asia/Kolkata): leave those
  // out of the long list when the suggestions already hold the zone.
  const taken = new Set([...suggested, ...suggested.map(canonicalZone)]);
  const others = [...new Set(all)].filter((zone) => !taken.has(zone)).sort();
  return { suggested, others };
}

/** The name the runtime itself uses for a zone (an alias resolves to its canonical name). */
export function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** Every zone this browser knows, or none where it cannot list them. */
export function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

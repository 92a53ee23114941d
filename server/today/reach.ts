// Best-reach windows in time: whether a contact is reachable now and when next, on their own
// wall clock. The text side (parseReachText, formatReach) lives in shared/reach-text.ts.
import type { ReachWindow } from '../../shared/contacts.js';
import { formatMinutes } from '../../shared/reach-text.js';
import {
  addDays,
  isoWeekday,
  parseMinutes,
  resolveTimeZone,
  wallClock,
  zonedTimeToEpoch,
} from './time-zone.js';

/** What the clock shows where a contact is. */
export interface LocalMoment {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local time "HH:MM". */
  time: string;
  /** The IANA zone used. */
  zone: string;
  /** True when the contact had no usable zone and `zone` is the default (Europe/Berlin). */
  assumed: boolean;
  /** The time and the zone's city, language-neutral: "08:15 Chicago". */
  label: string;
}

/**
 * Reads the local weekday and time at `now` in a contact's IANA zone. Without a zone it
 * assumes Europe/Berlin: Nahbar's users sell for the German Mittelstand, so a customer with no
 * zone on record most likely sits in Germany.
 */
export function localMoment(now: number, timeZone: string | null): LocalMoment {
  const { zone, assumed } = resolveTimeZone(timeZone);
  const wall = wallClock(now, zone);
  const time = formatMinutes(wall.minutes);
  const city = (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
  return { weekday: wall.weekday, time, zone, assumed, label: `${time} ${city}` };
}

/** Whether a contact is in one of their windows now, and when their next window starts. */
export interface ReachStatus {
  inWindow: boolean;
  /** Epoch ms of the next window start after `now`, or null when there are no windows. */
  nextStart: number | null;
}

/**
 * Tells whether `now` falls in one of a contact's windows (in their zone, Europe/Berlin when
 * unknown) and when the next window starts. Starts are found on the local calendar, so a
 * window keeps its wall-clock time across daylight-saving switches; since every window repeats
 * weekly, the next start is never more than seven local days away.
 */
export function reachStatus(
  windows: readonly ReachWindow[],
  timeZone: string | null,
  now: number,
): ReachStatus {
  const { zone } = resolveTimeZone(timeZone);
  const wall = wallClock(now, zone);
  const inWindow = windows.some(
    (w) =>
      w.days.includes(wall.weekday) &&
      parseMinutes(w.from) <= wall.minutes &&
      wall.minutes < parseMinutes(w.to),
  );
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(wall, offset);
    const weekday = isoWeekday(date);
    const starts = windows
      .filter((w) => w.days.includes(weekday))
      .map((w) => zonedTimeToEpoch(date, parseMinutes(w.from), zone))
      .filter((start) => start > now);
    if (starts.length > 0) return { inWindow, nextStart: Math.min(...starts) };
  }
  return { inWindow, nextStart: null };
}

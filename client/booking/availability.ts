// The seller's availability form: weekly hours, date overrides, the change cut-off and the zone,
// as typed (times from time inputs), checked with the server's rules before they are sent.
import {
  MAX_CHANGE_CUTOFF_HOURS,
  MAX_DATE_OVERRIDES,
  MAX_INTERVALS_PER_DAY,
  WEEKDAYS,
} from '../../shared/booking';
import type {
  BookingSettingsInput,
  DateOverride,
  Weekday,
  WeeklyHours,
  WorkingInterval,
} from '../../shared/booking';
import type { BookingSettingsView } from '../../shared/api/booking';
import { isKnownZone } from './zones';

/** One working interval as typed: "09:00" and "12:00" (or empty while being filled in). */
export interface IntervalDraft {
  from: string;
  to: string;
}

/** A date override as typed: a day off, or other hours on that date. */
export interface OverrideDraft {
  date: string;
  dayOff: boolean;
  intervals: IntervalDraft[];
}

/** The whole availability form. */
export interface AvailabilityDraft {
  timeZone: string;
  weeklyHours: Record<Weekday, IntervalDraft[]>;
  overrides: OverrideDraft[];
  cutoffEnabled: boolean;
  cutoffHours: string;
}

/** Why an interval is refused; each has a sentence in `settings.errors`. */
export type IntervalProblem = 'required' | 'time' | 'order' | 'overlap';

/** Why other fields are refused; each has a sentence in `settings.errors`. */
export type AvailabilityProblem =
  | 'zone'
  | 'tooMany'
  | 'date'
  | 'dateTwice'
  | 'noHours'
  | 'cutoffNumber'
  | 'cutoffRange'
  | 'tooManyOverrides';

/** Errors of the form, by place: a weekday's intervals, an override by index, the rest. */
export interface AvailabilityErrors {
  timeZone?: AvailabilityProblem;
  weekly?: Partial<Record<Weekday, { day?: AvailabilityProblem; intervals: IntervalProblem[] }>>;
  overrides?: Record<number, { date?: AvailabilityProblem; intervals: IntervalProblem[] }>;
  overrideList?: AvailabilityProblem;
  cutoff?: AvailabilityProblem;
}

/** A checked form: the settings to save, or what to fix. */
export type CheckedAvailability =
  { ok: true; value: BookingSettingsInput } | { ok: false; errors: AvailabilityErrors };

const DEFAULT_CUTOFF_HOURS = 24;

/** An interval from the API as the form shows it ("24:00" shows as "00:00", the next midnight). */
function intervalDraft(interval: WorkingInterval): IntervalDraft {
  return { from: interval.from, to: interval.to === '24:00' ? '00:00' : interval.to };
}

/**
 * The form for saved settings; an unsaved setup starts in the seller's own zone (the browser's)
 * rather than the server's default.
 */
export function availabilityDraft(
  settings: BookingSettingsView,
  browserZone: string,
): AvailabilityDraft {
  const weeklyHours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, settings.weeklyHours[day].map(intervalDraft)]),
  ) as Record<Weekday, IntervalDraft[]>;
  return {
    timeZone: settings.saved || !isKnownZone(browserZone) ? settings.timeZone : browserZone,
    weeklyHours,
    overrides: sortOverrides(
      settings.overrides.map((o) => ({
        date: o.date,
        dayOff: o.intervals.length === 0,
        intervals: o.intervals.map(intervalDraft),
      })),
    ),
    cutoffEnabled: settings.changeCutoffHours !== null,
    cutoffHours: String(settings.changeCutoffHours ?? DEFAULT_CUTOFF_HOURS),
  };
}

/** Overrides by date, soonest first. */
export function sortOverrides(overrides: readonly OverrideDraft[]): OverrideDraft[] {
  return [...overrides].sort((a, b) => a.date.localeCompare(b.date));
}

/** Reads a time as time inputs give it ("09:00", "9:00", "09:00:00") as "HH:MM", or null. */
export function readTime(raw: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(raw.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** Minutes since midnight of an "HH:MM" time, "24:00" being 1440. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function timeOf(minutes: number): string {
  if (minutes >= 24 * 60) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Checks one day's intervals: each needs both times and must end after it starts (an end of
 * 00:00 is the midnight that ends the day), and they must not overlap (touching is fine).
 */
export function checkDayIntervals(
  drafts: readonly IntervalDraft[],
): { ok: true; value: WorkingInterval[] } | { ok: false; problems: IntervalProblem[] } {
  const problems: IntervalProblem[] = [];
  const value: WorkingInterval[] = [];
  drafts.forEach((draft, i) => {
    if (draft.from.trim() === '' || draft.to.trim() === '') {
      problems[i] = 'required';
      return;
    }
    const from = readTime(draft.from);
    const rawTo = readTime(draft.to);
    if (from === null || rawTo === null) {
      problems[i] = 'time';
      return;
    }
    const to = rawTo === '00:00' ? '24:00' : rawTo;
    if (minutesOf(to) <= minutesOf(from)) {
      problems[i] = 'order';
      return;
    }
    value[i] = { from, to };
  });
  // Overlaps are only judged between intervals that are fine on their own.
  const valid = value
    .map((interval, i) => ({ interval, i }))
    .filter((entry) => entry.interval !== undefined)
    .sort((a, b) => minutesOf(a.interval.from) - minutesOf(b.interval.from));
  for (let k = 1; k < valid.length; k++) {
    const previous = valid[k - 1]!;
    const current = valid[k]!;
    if (minutesOf(current.interval.from) < minutesOf(previous.interval.to)) {
      problems[current.i] ??= 'overlap';
    }
  }
  if (problems.some(Boolean)) return { ok: false, problems };
  return { ok: true, value: valid.map((entry) => entry.interval) };
}

/**
 * A sensible next interval for a day: 09:00–17:00 on an empty day, else an hour after the last
 * one ends, for up to four hours; empty times when the day is full.
 */
export function suggestInterval(drafts: readonly IntervalDraft[]): IntervalDraft {
  const ends = drafts
    .map((d) => readTime(d.to))
    .filter((t): t is string => t !== null)
    .map((t) => (t === '00:00' ? 24 * 60 : minutesOf(t)));
  if (drafts.length === 0 || ends.length === 0) return { from: '09:00', to: '17:00' };
  const from = Math.max(...ends) + 60;
  if (from >= 24 * 60) return { from: '', to: '' };
  const to = Math.min(from + 240, 24 * 60);
  return { from: timeOf(from), to: timeOf(to) === '24:00' ? '00:00' : timeOf(to) };
}

function checkCutoff(draft: AvailabilityDraft): number | null | AvailabilityProblem {
  if (!draft.cutoffEnabled) return null;
  const text = draft.cutoffHours.trim();
  if (!/^\d+$/.test(text)) return 'cutoffNumber';
  const hours = Number(text);
  if (hours < 1 || hours > MAX_CHANGE_CUTOFF_HOURS) return 'cutoffRange';
  return hours;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks the whole form; the settings to save, or every problem at once. */
export function checkAvailability(draft: AvailabilityDraft): CheckedAvailability {
  const errors: AvailabilityErrors = {};
  if (!isKnownZone(draft.timeZone)) errors.timeZone = 'zone';

  const weeklyHours = {} as WeeklyHours;
  for (const day of WEEKDAYS) {
    const drafts = draft.weeklyHours[day];
    const checked = checkDayIntervals(drafts);
    if (drafts.length > MAX_INTERVALS_PER_DAY) {
      errors.weekly = { ...errors.weekly, [day]: { day: 'tooMany', intervals: [] } };
    } else if (!checked.ok) {
      errors.weekly = { ...errors.weekly, [day]: { intervals: checked.problems } };
    } else {
      weeklyHours[day] = checked.value;
    }
  }

  const overrides: DateOverride[] = [];
  const seen = new Set<string>();
  if (draft.overrides.length > MAX_DATE_OVERRIDES) errors.overrideList = 'tooManyOverrides';
  draft.overrides.forEach((override, index) => {
    const entry: { date?: AvailabilityProblem; intervals: IntervalProblem[] } = { intervals: [] };
    if (!isDate(override.date)) entry.date = 'date';
    else if (seen.has(override.date)) entry.date = 'dateTwice';
    seen.add(override.date);
    let intervals: WorkingInterval[] = [];
    if (!override.dayOff) {
      const checked = checkDayIntervals(override.intervals);
      if (override.intervals.length === 0) entry.date ??= 'noHours';
      else if (override.intervals.length > MAX_INTERVALS_PER_DAY) entry.date ??= 'tooMany';
      else if (!checked.ok) entry.intervals = checked.problems;
      else intervals = checked.value;
    }
    if (entry.date || entry.intervals.some(Boolean)) {
      errors.overrides = { ...errors.overrides, [index]: entry };
    } else {
      overrides.push({ date: override.date, intervals });
    }
  });

  const cutoff = checkCutoff(draft);
  if (typeof cutoff === 'string') errors.cutoff = cutoff;

  if (Object.keys(errors).length > 0 || typeof cutoff === 'string') return { ok: false, errors };
  return {
    ok: true,
    value: {
      timeZone: draft.timeZone,
      weeklyHours,
      overrides: overrides.sort((a, b) => a.date.localeCompare(b.date)),
      changeCutoffHours: cutoff,
    },
  };
}

// Builders for slot engine tests: rules with readable defaults (validated by the real schemas),
// bookings, and slots printed as UTC or as a zone's wall clock, so expectations read like a diary.
import type { DateOverride, MeetingTypeTiming, WeeklyHours } from '../../shared/booking.js';
import { availabilitySchema, meetingTypeTimingSchema } from '../../shared/booking.js';
import type { ExistingBooking, Slot, SlotRules } from '../booking/slots.js';
import { computeSlots } from '../booking/slots.js';

/** The meeting type id the builders use; bookings of other types do not count toward its limit. */
export const MEETING_TYPE_ID = 'intro';

/** 09:00–17:00, the usual working day. */
export const NINE_TO_FIVE = [{ from: '09:00', to: '17:00' }];

const NO_HOURS: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** What a test sets; everything else has a default (Berlin, Mon–Fri 09:00–17:00, 30 min). */
export interface SlotSetup {
  zone?: string;
  /** Replaces the default Mon–Fri 09:00–17:00; days left out have no hours. */
  hours?: Partial<WeeklyHours>;
  overrides?: DateOverride[];
  type?: Partial<MeetingTypeTiming>;
  bookings?: readonly ExistingBooking[];
  /** ISO instant; defaults to 2026-01-01T00:00Z, so with the default horizon all of 2026 is open. */
  now?: string;
}

/** Parses an ISO instant ("2026-03-29T01:00Z") to epoch milliseconds. */
export const utc = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${iso}`);
  return t;
};

/** Builds slot rules from a setup, through the same schemas the API uses. */
export function slotRules(setup: SlotSetup = {}): SlotRules {
  const workweek = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE };
  const availability = availabilitySchema.parse({
    timeZone: setup.zone ?? 'Europe/Berlin',
    weeklyHours: { ...NO_HOURS, ...(setup.hours ?? { ...workweek, fri: NINE_TO_FIVE }) },
    overrides: setup.overrides ?? [],
  });
  const timing = meetingTypeTimingSchema.parse({
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 365,
    slotStepMinutes: 30,
    dailyLimit: null,
    ...setup.type,
  });
  return {
    availability,
    meetingType: { id: MEETING_TYPE_ID, ...timing },
    bookings: setup.bookings ?? [],
    now: utc(setup.now ?? '2026-01-01T00:00Z'),
  };
}

/** The slots of a setup that start in [from, to) (ISO instants). */
export function slotsBetween(from: string, to: string, setup: SlotSetup = {}): Slot[] {
  return computeSlots({ ...slotRules(setup), from: utc(from), to: utc(to) });
}

/** An existing booking from `start` to `end` (ISO instants), of this meeting type by default. */
export function booking(
  start: string,
  end: string,
  extra: Partial<Omit<ExistingBooking, 'start' | 'end'>> = {},
): ExistingBooking {
  return {
    start: utc(start),
    end: utc(end),
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    meetingTypeId: MEETING_TYPE_ID,
    ...extra,
  };
}

/** Slot starts as ISO instants without seconds ("2026-03-29T01:00Z"). */
export const startsUtc = (slots: readonly Slot[]): string[] =>
  slots.map((s) => new Date(s.start).toISOString().replace(':00.000Z', 'Z'));

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the wall clock of `zone` shows it: "2026-03-29 03:00" (Intl, not the engine). */
export function wallTime(t: number, zone: string): string {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallFormats.set(zone, format);
  }
  return format.format(t);
}

/** Slot starts as the wall clock of `zone` shows them, time of day only ("03:00"). */
export const startsIn = (slots: readonly Slot[], zone: string): string[] =>
  slots.map((s) => wallTime(s.start, zone).slice(11));

/**
 * Each day's first start and last end as the wall clock of `zone` shows them, keyed by that
 * zone's date: { "2026-03-09": "04:00–12:00" }.
 */
export function dailySpansIn(slots: readonly Slot[], zone: string): Record<string, string> {
  const spans: Record<string, string> = {};
  for (const slot of slots) {
    const start = wallTime(slot.start, zone);
    const date = start.slice(0, 10);
    const end = wallTime(slot.end, zone).slice(11);
    spans[date] = `${spans[date]?.slice(0, 5) ?? start.slice(11)}–${end}`;
  }
  return spans;
}

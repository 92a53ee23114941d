// Booking vocabulary shared by the API and the client, which edits it: a seller's availability
// (time zone, weekly hours, date overrides) and the timing rules of a meeting type. All times of
// day are wall-clock times in the seller's own zone.
import { z } from 'zod';
import { isTimeZone, timeOfDaySchema } from './contacts.js';

/** Days of the week in the order the UI shows them, Monday first (ISO 8601). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Most working intervals on one day. */
export const MAX_INTERVALS_PER_DAY = 12;
/** Most date overrides one seller may keep. */
export const MAX_DATE_OVERRIDES = 1000;
/** Shortest and longest meeting, in minutes. */
export const MEETING_DURATION_MINUTES = { min: 5, max: 480 } as const;
/** Longest buffer before or after a meeting, in minutes. */
export const MAX_BUFFER_MINUTES = 240;
/** Longest minimum notice: 30 days, in minutes. */
export const MAX_NOTICE_MINUTES = 30 * 24 * 60;
/** Shortest and longest booking horizon, in days. */
export const HORIZON_DAYS = { min: 1, max: 365 } as const;
/** Smallest and largest distance between two slot starts, in minutes. */
export const SLOT_STEP_MINUTES = { min: 5, max: 240 } as const;
/** Largest daily limit of bookings one meeting type may set. */
export const MAX_DAILY_LIMIT = 1000;

// Checks across fields run only once the fields themselves are valid, so that a malformed time
// reports its format and nothing else.
const whenValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** The end of a working interval: "HH:MM" from 00:00 to 23:59, or 24:00 for the end of the day. */
const endOfIntervalSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM (24:00 ends the day)');

/** A working interval "from–to" on one day, in the seller's wall-clock time; `to` is exclusive. */
export const workingIntervalSchema = z
  .object({ from: timeOfDaySchema, to: endOfIntervalSchema })
  // "HH:MM" strings sort like the times they name, "24:00" included.
  .refine((i) => i.from < i.to, {
    message: 'an interval must end after it starts',
    when: whenValid,
  });
/** A working interval (see `workingIntervalSchema`). */
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

/** The working intervals of one day; they may touch ("09:00–12:00", "12:00–13:00") but not overlap. */
export const dayHoursSchema = z
  .array(workingIntervalSchema)
  .max(MAX_INTERVALS_PER_DAY, `at most ${MAX_INTERVALS_PER_DAY} intervals per day`)
  .refine(
    (intervals) => {
      const sorted = [...intervals].sort((a, b) => (a.from < b.from ? -1 : 1));
      return sorted.every((interval, i) => i === 0 || sorted[i - 1]!.to <= interval.from);
    },
    { message: 'intervals on one day must not overlap', when: whenValid },
  );

/** Weekly working hours: per weekday, zero or more intervals (none = not working that day). */
export const weeklyHoursSchema = z.object({
  mon: dayHoursSchema,
  tue: dayHoursSchema,
  wed: dayHoursSchema,
  thu: dayHoursSchema,
  fri: dayHoursSchema,
  sat: dayHoursSchema,
  sun: dayHoursSchema,
});
/** Weekly working hours (see `weeklyHoursSchema`). */
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/**
 * The hours of one date in the seller's zone, replacing that weekday's usual hours: no intervals
 * is a day off, other intervals are extra or changed hours ("Saturday 10:00–14:00").
 */
export const dateOverrideSchema = z.object({
  date: z.iso.date({ error: 'expected a date YYYY-MM-DD' }),
  intervals: dayHoursSchema,
});
/** A date override (see `dateOverrideSchema`). */
export type DateOverride = z.infer<typeof dateOverrideSchema>;

/** An IANA time zone this runtime knows, such as "Europe/Berlin". */
export const sellerTimeZoneSchema = z
  .string()
  .refine(isTimeZone, 'expected an IANA time zone such as "Europe/Berlin"');

/** When a seller can be booked: their zone, their weekly hours and their date overrides. */
export const availabilitySchema = z.object({
  timeZone: sellerTimeZoneSchema,
  weeklyHours: weeklyHoursSchema,
  overrides: z
    .array(dateOverrideSchema)
    .max(MAX_DATE_OVERRIDES, `at most ${MAX_DATE_OVERRIDES} date overrides`)
    .refine((list) => new Set(list.map((o) => o.date)).size === list.length, {
      message: 'one override per date',
      when: whenValid,
    }),
});
/** A seller's availability (see `availabilitySchema`). */
export type Availability = z.infer<typeof availabilitySchema>;

const minutes = (min: number, max: number, what: string) =>
  z
    .int(`${what} must be a whole number of minutes`)
    .min(min, `${what} must be at least ${min} minutes`)
    .max(max, `${what} must be at most ${max} minutes`);

/** The timing rules of a meeting type, which decide where its slots lie. */
export const meetingTypeTimingSchema = z.object({
  durationMinutes: minutes(
    MEETING_DURATION_MINUTES.min,
    MEETING_DURATION_MINUTES.max,
    'the duration',
  ),
  /** Free time the seller keeps before each meeting of this type. */
  bufferBeforeMinutes: minutes(0, MAX_BUFFER_MINUTES, 'the buffer before'),
  /** Free time the seller keeps after each meeting of this type. */
  bufferAfterMinutes: minutes(0, MAX_BUFFER_MINUTES, 'the buffer after'),
  /** How long before its start a slot can still be booked. */
  minimumNoticeMinutes: minutes(0, MAX_NOTICE_MINUTES, 'the minimum notice'),
  /** How many days ahead guests can book, today (in the seller's zone) being the first. */
  horizonDays: z
    .int('the horizon must be a whole number of days')
    .min(HORIZON_DAYS.min, `the horizon must be at least ${HORIZON_DAYS.min} day`)
    .max(HORIZON_DAYS.max, `the horizon must be at most ${HORIZON_DAYS.max} days`),
  /** Distance between two slot starts, counted from the start of each working interval. */
  slotStepMinutes: minutes(SLOT_STEP_MINUTES.min, SLOT_STEP_MINUTES.max, 'the slot step'),
  /** Most bookings of this type on one day in the seller's zone; null for no limit. */
  dailyLimit: z
    .int('the daily limit must be a whole number')
    .min(1, 'the daily limit must be at least 1')
    .max(MAX_DAILY_LIMIT, `the daily limit must be at most ${MAX_DAILY_LIMIT}`)
    .nullish()
    .transform((v) => v ?? null),
});
/** The timing rules of a meeting type (see `meetingTypeTimingSchema`). */
export type MeetingTypeTiming = z.infer<typeof meetingTypeTimingSchema>;

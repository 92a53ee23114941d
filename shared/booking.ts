// Booking vocabulary shared by the API and the client, which edits it: a seller's availability
// (time zone, weekly hours, date overrides) and the timing rules of a meeting type. All times of
// day are wall-clock times in the seller's own zone.
import { z } from 'zod';
import { isTimeZone, timeOfDaySchema } from './contacts.js';
import { isMailAddress } from './mail-address.js';

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

/** Most questions one meeting type may ask. */
export const MAX_QUESTIONS = 10;
/** Longest question, in characters. */
export const MAX_QUESTION_LENGTH = 200;
/** Longest answer to a question, in characters. */
export const MAX_ANSWER_LENGTH = 1000;
/** Longest message a guest may leave with a booking, in characters. */
export const MAX_GUEST_MESSAGE_LENGTH = 2000;
/** Longest "no changes within N hours" rule: one week. */
export const MAX_CHANGE_CUTOFF_HOURS = 168;

// One line of text: trimmed, no control characters (newlines included).
const line = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]+$/u, `${what} must be one line`);
const optionalLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what} must be one line`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A seller's booking settings: their availability and the optional change cut-off. */
export const bookingSettingsInputSchema = availabilitySchema.extend({
  /** Guests may not move or cancel a booking within this many hours of its start; null: always. */
  changeCutoffHours: z
    .int('the cut-off must be a whole number of hours')
    .min(1, 'the cut-off must be at least 1 hour')
    .max(MAX_CHANGE_CUTOFF_HOURS, `the cut-off must be at most ${MAX_CHANGE_CUTOFF_HOURS} hours`)
    .nullish()
    .transform((v) => v ?? null),
});
/** Booking settings as a seller saves them (see `bookingSettingsInputSchema`). */
export type BookingSettingsInput = z.infer<typeof bookingSettingsInputSchema>;

/** The id of a question; the server gives new questions one. */
export const questionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'invalid question id');

/** A question a meeting type asks guests; `id` is absent for a new one. */
export const bookingQuestionInputSchema = z.object({
  id: questionIdSchema.optional(),
  label: line(MAX_QUESTION_LENGTH, 'a question'),
  required: z.boolean().default(false),
});

/** A question as stored and shown: it always has its id. */
export interface BookingQuestion {
  id: string;
  label: string;
  required: boolean;
}

/** The last part of `/book/<handle>/<slug>`: lowercase letters, digits and inner dashes. */
export const meetingTypeSlugSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'use lowercase letters, digits and dashes');

/** A meeting type as a seller creates or replaces it. */
export const meetingTypeInputSchema = meetingTypeTimingSchema.extend({
  name: line(100, 'the name'),
  /** Derived from the name when absent. */
  slug: z.string().trim().toLowerCase().pipe(meetingTypeSlugSchema).optional(),
  questions: z
    .array(bookingQuestionInputSchema)
    .max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} questions`)
    .default([])
    .refine(
      (list) => {
        const ids = list.flatMap((q) => (q.id === undefined ? [] : [q.id]));
        return new Set(ids).size === ids.length;
      },
      { message: 'question ids must be unique', when: whenValid },
    ),
  /** Whether guests can book it now. */
  active: z.boolean().default(true),
  /** Place on the booking page, lowest first; new types go last when absent. */
  position: z.int().min(0).max(10_000).optional(),
});
/** A meeting type as a seller enters it (see `meetingTypeInputSchema`). */
export type MeetingTypeInput = z.infer<typeof meetingTypeInputSchema>;

/** A meeting's start as UTC epoch milliseconds (years 1970–2999). */
export const bookingStartSchema = z
  .int('expected whole epoch milliseconds')
  .min(0, 'expected an instant after 1970')
  .max(Date.UTC(3000, 0, 1), 'expected an instant before 3000');

/** The languages a guest's e-mails (confirmation, invitation, reminders) are written in. */
export const BOOKING_LANGUAGES = ['de', 'en'] as const;
/** One of the booking e-mail languages. */
export type BookingLanguage = (typeof BOOKING_LANGUAGES)[number];

/** What a guest enters to book a slot. */
export const guestBookingInputSchema = z.object({
  start: bookingStartSchema,
  name: line(120, 'the name'),
  // Unicode domains (info@müller.de) are real German addresses; the same rule as a contact's.
  email: z
    .email({ pattern: z.regexes.unicodeEmail, error: 'expected an e-mail address' })
    .max(254)
    // The mailer's own rule: an address such as `a,b@example.com` would reach two recipients, so
    // it is refused here rather than when the confirmation is written.
    .refine(isMailAddress, {
      message: 'expected one e-mail address without commas, quotes or brackets',
      when: whenValid,
    })
    .transform((e) => e.toLowerCase()),
  company: optionalLine(200, 'the company'),
  /** As typed; the server normalises it to E.164 and refuses what is no phone number. */
  phone: optionalLine(40, 'the phone number'),
  message: z
    .string()
    .trim()
    .max(
      MAX_GUEST_MESSAGE_LENGTH,
      `the message must be at most ${MAX_GUEST_MESSAGE_LENGTH} characters`,
    )
    .nullish()
    .transform((v) => (v ? v : null)),
  /** Answers by question id. */
  answers: z
    .record(
      questionIdSchema,
      z
        .string()
        .trim()
        .max(MAX_ANSWER_LENGTH, `an answer must be at most ${MAX_ANSWER_LENGTH} characters`),
    )
    .default({}),
  /** The guest's own zone (their browser's), for the invitation and reminders. */
  timeZone: sellerTimeZoneSchema,
  /** The language of the guest's e-mails (confirmation, invitation, reminders). */
  language: z.enum(BOOKING_LANGUAGES, "expected 'de' or 'en'").default('de'),
});
/** A guest's booking request (see `guestBookingInputSchema`). */
export type GuestBookingInput = z.infer<typeof guestBookingInputSchema>;

/** What a guest sends to move a booking. */
export const rescheduleInputSchema = z.object({ start: bookingStartSchema });

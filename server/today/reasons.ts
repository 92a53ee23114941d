// Reasons to reach someone today: the open vocabulary other features extend, the weights of the
// built-in ones, and the providers that find them for a candidate.
import type { Birthday } from '../../shared/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import type { CalendarDate } from './time-zone.js';
import { addDays, daysBetween, resolveTimeZone, wallClock, zonedTimeToEpoch } from './time-zone.js';

/**
 * One reason to reach a contact. `kind` is open so that other features (machine alarms, booking)
 * can add their own; `weight` adds to the contact's score, and only a positive weight puts a
 * contact who is not yet due on the list.
 */
export interface Reason {
  kind: string;
  weight: number;
  /** The instant the reason is about (a birthday's local midnight, a meeting's start). */
  at?: number;
  /** Facts for the UI to phrase the reason ("turns 50", "2 days late"). */
  detail?: Record<string, string | number>;
}

/** Kinds of reason built into the Today list. */
export const REASON_KIND = {
  overdue: 'overdue',
  /** Due because there is no touchpoint yet. */
  untouched: 'untouched',
  birthday: 'birthday',
  nextStepDue: 'next_step_due',
  meetingToday: 'meeting_today',
} as const;

/**
 * Weights of the built-in reasons, added to the overdue ratio (1.0 means "one cadence late").
 * A meeting booked today outranks everything: the call is happening, so the seller should look
 * at the person first. A promised next step is next: breaking a promise costs trust. A birthday
 * on the day is worth one cadence; one later this week only half, as a nudge to prepare.
 * Overdue adds nothing here because the ratio itself already carries it.
 */
export const REASON_WEIGHTS = {
  overdue: 0,
  birthdayToday: 1.0,
  birthdaySoon: 0.5,
  nextStepDue: 1.5,
  meetingToday: 2.0,
} as const;

/** How many days, today included, an upcoming birthday counts: today and the six after it. */
export const BIRTHDAY_LOOKAHEAD_DAYS = 7;

/** What the Today list knows about one contact; gathered by the service, ranked by `rankToday`. */
export interface TodayCandidate {
  contactId: ContactId;
  /** The latest touchpoint, or null when there has been none. */
  lastTouchAt: number | null;
  /** When the contact was created; stands in for the last touch until there is one. */
  createdAt: number;
  /** Days between touches, already resolved (see `effectiveCadence`). */
  cadenceDays: number;
  birthday: Birthday | null;
  /** The contact's IANA zone; birthdays fall on their local calendar. */
  timeZone: string | null;
  /** When the earliest open next step is due. */
  nextStepDueAt: number | null;
  /** What that step is ("Angebot schicken"), to show as the reason. */
  nextStep?: string | null;
  /** Start of a meeting booked for today. */
  meetingToday: number | null;
  /** What kind of meeting it is ("Maschinen-Demo"), to show with the reason. */
  meetingType?: string | null;
  /** The seller hid the contact from Today until then. */
  snoozedUntil: number | null;
  /** Reasons other features already found for this contact. */
  extraReasons: Reason[];
}

/** Finds reasons to reach a candidate at `now`; features contribute these to `rankToday`. */
export type ReasonProvider = (candidate: TodayCandidate, now: number) => Reason[];

/** The date a birthday falls on in `year`; 29 February falls on the 28th outside leap years. */
export function birthdayIn(birthday: Birthday, year: number): CalendarDate {
  const lastDay = new Date(Date.UTC(year, birthday.month, 0)).getUTCDate();
  return { year, month: birthday.month, day: Math.min(birthday.day, lastDay) };
}

/** Whole days from `today` to the next birthday, 0 when it is today. */
export function daysUntilBirthday(birthday: Birthday, today: CalendarDate): number {
  const thisYear = daysBetween(today, birthdayIn(birthday, today.year));
  return thisYear >= 0 ? thisYear : daysBetween(today, birthdayIn(birthday, today.year + 1));
}

/** Gives a birthday reason when the birthday is within the lookahead on the contact's calendar. */
export const birthdayReasons: ReasonProvider = (candidate, now) => {
  const { birthday } = candidate;
  if (birthday === null) return [];
  const { zone } = resolveTimeZone(candidate.timeZone);
  const today = wallClock(now, zone);
  const daysUntil = daysUntilBirthday(birthday, today);
  if (daysUntil >= BIRTHDAY_LOOKAHEAD_DAYS) return [];
  const date = addDays(today, daysUntil);
  const detail: Record<string, number> = { daysUntil, month: date.month, day: date.day };
  if (birthday.year !== null) detail.turns = date.year - birthday.year;
  return [
    {
      kind: REASON_KIND.birthday,
      weight: daysUntil === 0 ? REASON_WEIGHTS.birthdayToday : REASON_WEIGHTS.birthdaySoon,
      at: zonedTimeToEpoch(date, 0, zone),
      detail,
    },
  ];
};

/**
 * Makes the provider of next-step reasons: a step due by the end of the seller's today, late ones
 * included. The seller's zone decides "today" because the step is the seller's promise.
 */
export function nextStepReasons(sellerTimeZone: string | null): ReasonProvider {
  const { zone } = resolveTimeZone(sellerTimeZone);
  // The seller's today, worked out once per instant: ranking asks for it once per candidate.
  let day = { now: NaN, today: wallClock(0, zone), start: 0, end: 0 };
  return (candidate, now) => {
    const due = candidate.nextStepDueAt;
    if (due === null) return [];
    if (day.now !== now) {
      const today = wallClock(now, zone);
      day = {
        now,
        today,
        start: zonedTimeToEpoch(today, 0, zone),
        end: zonedTimeToEpoch(addDays(today, 1), 0, zone),
      };
    }
    if (due >= day.end) return [];
    const daysLate = due >= day.start ? 0 : daysBetween(wallClock(due, zone), day.today);
    const detail: Record<string, string | number> = { daysLate };
    if (candidate.nextStep) detail.nextStep = candidate.nextStep;
    return [
      {
        kind: REASON_KIND.nextStepDue,
        weight: REASON_WEIGHTS.nextStepDue,
        at: due,
        detail,
      },
    ];
  };
}

/**
 * Makes the provider of meeting reasons: a meeting on the seller's today, even one already over
 * (a follow-up is due). One on another day is ignored, in case a caller passes a stale booking.
 */
export function meetingTodayReasons(sellerTimeZone: string | null): ReasonProvider {
  const { zone } = resolveTimeZone(sellerTimeZone);
  return (candidate, now) => {
    const start = candidate.meetingToday;
    if (start === null || daysBetween(wallClock(now, zone), wallClock(start, zone)) !== 0) {
      return [];
    }
    const detail: Record<string, string | number> = { at: start };
    if (candidate.meetingType) detail.meetingType = candidate.meetingType;
    return [
      { kind: REASON_KIND.meetingToday, weight: REASON_WEIGHTS.meetingToday, at: start, detail },
    ];
  };
}

/** The built-in providers (birthday, next step, meeting today), for a seller in `sellerTimeZone`. */
export function builtInReasonProviders(sellerTimeZone: string | null): ReasonProvider[] {
  return [birthdayReasons, nextStepReasons(sellerTimeZone), meetingTodayReasons(sellerTimeZone)];
}

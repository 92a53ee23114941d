// When a booking's reminders go out (pure): 24 hours and 15 minutes before the meeting, each only
// while it is still ahead, and never once it would arrive too late to help.
import type { ReminderKind } from './booking.table.js';

const MINUTE_MS = 60_000;

/** How long before the meeting each reminder is due, the earliest first. */
export const REMINDER_LEADS: Readonly<Record<ReminderKind, number>> = {
  '24h': 24 * 60 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
};

/** The reminder kinds, the earliest first. */
export const REMINDER_KINDS = Object.keys(REMINDER_LEADS) as ReminderKind[];

/** A reminder to plan: its kind and when it is due. */
export interface PlannedReminder {
  kind: ReminderKind;
  dueAt: number;
}

/**
 * The reminders of a meeting that starts at `start`, as of `now`: those whose due time is still
 * ahead. A booking made 10 hours before its meeting gets only the 15-minute one.
 */
export function planReminders(start: number, now: number): PlannedReminder[] {
  return REMINDER_KINDS.map((kind) => ({ kind, dueAt: start - REMINDER_LEADS[kind] })).filter(
    (r) => r.dueAt > now,
  );
}

/**
 * Tells whether a reminder claimed at `now` is too late to send: the meeting has begun, or (for
 * the 24-hour one, after an outage) the 15-minute one is due as well and says it better.
 */
export function isReminderTooLate(kind: ReminderKind, start: number, now: number): boolean {
  if (now >= start) return true;
  return kind === '24h' && now >= start - REMINDER_LEADS['15m'];
}

// Reminder jobs in the database. A job is claimed with one UPDATE that only succeeds while it is
// unclaimed and due, inside the transaction that writes its e-mails to the outbox: two services
// (two processes, or one before and one after a restart) can never both claim it.
import type { BookingId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { BookingReminderRow, ReminderKind, ReminderOutcome } from './booking.table.js';
import { planReminders } from './reminders.js';

/** Plans the reminders of a booking's meeting at `start` that are still ahead of `now`. */
export async function scheduleReminders(
  db: Db,
  props: { bookingId: BookingId; start: number; now: number },
): Promise<void> {
  const planned = planReminders(props.start, props.now);
  if (planned.length === 0) return;
  await db
    .insertInto('booking_reminders')
    .values(
      planned.map((r) => ({
        booking_id: props.bookingId,
        kind: r.kind,
        due_at: r.dueAt,
        sent_at: null,
        outcome: null,
        error: null,
        created_at: props.now,
      })),
    )
    .execute();
}

/**
 * Plans a moved booking's reminders anew for its new start: those already sent were about the old
 * time, so every kind still ahead is due again.
 */
export async function rescheduleReminders(
  db: Db,
  props: { bookingId: BookingId; start: number; now: number },
): Promise<void> {
  await deleteReminders(db, props.bookingId);
  await scheduleReminders(db, props);
}

/** Deletes a booking's reminders (it was cancelled). */
export async function deleteReminders(db: Db, bookingId: BookingId): Promise<void> {
  await db.deleteFrom('booking_reminders').where('booking_id', '=', bookingId).execute();
}

/** A booking's reminders, the earliest first. */
export async function listReminders(db: Db, bookingId: BookingId): Promise<BookingReminderRow[]> {
  return db
    .selectFrom('booking_reminders')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('due_at')
    .execute();
}

/** One reminder job. */
export interface ReminderRef {
  bookingId: BookingId;
  kind: ReminderKind;
}

/** Unclaimed reminders due at `now`, the longest-waiting first. */
export async function findDueReminders(db: Db, now: number, limit: number): Promise<ReminderRef[]> {
  const rows = await db
    .selectFrom('booking_reminders')
    .select(['booking_id', 'kind'])
    .where('sent_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ bookingId: r.booking_id, kind: r.kind }));
}

/**
 * Claims a due, unclaimed reminder for good (sets `sent_at`). Returns its row, or undefined when
 * another service claimed it first, it is not due, or it is gone (the booking was cancelled).
 * Run it in the transaction that writes the reminder's e-mails, so both commit or neither does.
 */
export async function claimReminder(
  db: Db,
  props: ReminderRef & { now: number },
): Promise<BookingReminderRow | undefined> {
  return db
    .updateTable('booking_reminders')
    .set({ sent_at: props.now, outcome: 'sent' })
    .where('booking_id', '=', props.bookingId)
    .where('kind', '=', props.kind)
    .where('sent_at', 'is', null)
    .where('due_at', '<=', props.now)
    .returningAll()
    .executeTakeFirst();
}

/** Records what became of a claimed reminder other than `sent`. */
export async function setReminderOutcome(
  db: Db,
  props: ReminderRef & { outcome: ReminderOutcome; error?: string },
): Promise<void> {
  await db
    .updateTable('booking_reminders')
    .set({ outcome: props.outcome, error: props.error ?? null })
    .where('booking_id', '=', props.bookingId)
    .where('kind', '=', props.kind)
    .execute();
}

/**
 * Gives up an unclaimed reminder whose e-mails cannot be written (the message is refused as
 * malformed, which no retry changes): claims it as `failed` with the reason.
 */
export async function failReminder(
  db: Db,
  props: ReminderRef & { now: number; error: string },
): Promise<void> {
  await db
    .updateTable('booking_reminders')
    .set({ sent_at: props.now, outcome: 'failed', error: props.error.slice(0, 1000) })
    .where('booking_id', '=', props.bookingId)
    .where('kind', '=', props.kind)
    .where('sent_at', 'is', null)
    .execute();
}

// Changing a booking after the fact: the guest through their manage token (look, move, cancel;
// the seller's cut-off and the start end that), and the seller (or the account owner) cancelling
// from the app. Every change raises the invitation's SEQUENCE and goes through the notify hook.
import type { BookingId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import { isOverlapViolation } from '../db/errors.js';
import { Conflict, NotFound } from '../errors.js';
import { hashToken } from '../lib/random.js';
import { changeableUntil } from './booking.presenters.js';
import {
  BOOKING_OVERLAP,
  findBookingRecord,
  findBookingRecordByTokenHash,
  lockSellerBookings,
} from './booking.repository.js';
import type { BookingRecord } from './booking.repository.js';
import { bookedTimes, bookingEvent, checkSlot, slotTaken } from './booking.service.js';
import type { BookingDeps } from './booking.service.js';
import type { BookingRow, CancelledBy } from './booking.table.js';
import { dropPlannedMeeting, movePlannedMeeting } from './guest-contact.js';
import { findBookingSettings, findMeetingTypeById } from './meeting-type.repository.js';
import { deleteReminders, rescheduleReminders } from './reminder.repository.js';

const bookingNotFound = () => new NotFound('No such booking', 'booking_not_found');
const alreadyCancelled = () => new Conflict('This booking has been cancelled', 'booking_cancelled');
const alreadyStarted = () => new Conflict('This meeting has already started', 'booking_started');

/** Finds the booking behind a manage token; NotFound for any other string. */
export async function findBookingByToken(db: Db, token: string): Promise<BookingRecord> {
  const record = await findBookingRecordByTokenHash(db, hashToken(token));
  if (!record) throw bookingNotFound();
  return record;
}

// Refuses a guest's change to a cancelled or started booking, or one within the cut-off.
function assertGuestMayChange(record: BookingRecord, now: number): void {
  if (record.row.status !== 'confirmed') throw alreadyCancelled();
  if (now >= record.row.starts_at) throw alreadyStarted();
  if (now >= changeableUntil(record)) {
    throw new Conflict(
      `Changes are not possible within ${record.changeCutoffHours} hours of the meeting`,
      'change_too_late',
    );
  }
}

// Marks a confirmed booking cancelled (one SEQUENCE more), drops its planned touchpoint, lounge
// link and reminders and tells the hook; all in one transaction. Conflict when it was cancelled
// meanwhile.
async function cancel(
  deps: BookingDeps,
  record: BookingRecord,
  by: CancelledBy,
  token: string | null,
): Promise<BookingRecord> {
  const now = deps.clock.now();
  const cancelled = await deps.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('bookings')
      .set((eb) => ({
        status: 'cancelled' as const,
        cancelled_at: now,
        cancelled_by: by,
        sequence: eb('sequence', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', record.row.id)
      .where('status', '=', 'confirmed')
      .returning('sequence')
      .executeTakeFirst();
    if (!changed) throw alreadyCancelled();
    const row: BookingRow = {
      ...record.row,
      status: 'cancelled',
      sequence: changed.sequence,
      updated_at: now,
      cancelled_at: now,
      cancelled_by: by,
      touchpoint_id: null,
    };
    await dropPlannedMeeting(trx, deps.clock, {
      touchpointId: record.row.touchpoint_id,
      linkId: record.row.contact_link_id,
    });
    await deleteReminders(trx, record.row.id);
    const done: BookingRecord = { ...record, row, linkToken: null };
    await deps.notify(
      trx,
      bookingEvent('cancelled', done, {
        publicUrl: deps.publicUrl,
        token,
        linkToken: record.linkToken,
      }),
    );
    return done;
  });
  deps.afterCommit();
  return cancelled;
}

/** Cancels the booking behind a manage token; after this the token changes nothing any more. */
export async function cancelByToken(
  deps: BookingDeps,
  props: { token: string },
): Promise<BookingRecord> {
  const record = await findBookingByToken(deps.db, props.token);
  assertGuestMayChange(record, deps.clock.now());
  return cancel(deps, record, 'guest', props.token);
}

/**
 * Moves the booking behind a manage token to another slot of its meeting type (under the type's
 * rules and buffers as they are now), one SEQUENCE more. Conflict `slot_taken` when the new time
 * is taken, also when the database's overlap guard finds it so.
 */
export async function rescheduleByToken(
  deps: BookingDeps,
  props: { token: string; start: number },
): Promise<BookingRecord> {
  const { db, clock } = deps;
  const record = await findBookingByToken(db, props.token);
  const now = clock.now();
  assertGuestMayChange(record, now);
  const [type, settings] = await Promise.all([
    findMeetingTypeById(db, record.row.meeting_type_id),
    findBookingSettings(db, record.row.seller_id),
  ]);
  if (!type || !settings) throw bookingNotFound();
  const slotRules = {
    sellerId: record.row.seller_id,
    settings,
    type,
    start: props.start,
    now,
    except: record.row.id,
  };
  // A quick refusal first; the check that counts runs again under the seller's lock.
  const slot = await checkSlot(db, slotRules);
  const times = { ...bookedTimes(slot, type), updated_at: now };
  let moved: BookingRecord;
  try {
    moved = await db.transaction().execute(async (trx) => {
      await lockSellerBookings(trx, record.row.seller_id);
      await checkSlot(trx, slotRules);
      const changed = await trx
        .updateTable('bookings')
        .set((eb) => ({ ...times, sequence: eb('sequence', '+', 1) }))
        .where('id', '=', record.row.id)
        .where('status', '=', 'confirmed')
        .returning('sequence')
        .executeTakeFirst();
      if (!changed) throw alreadyCancelled();
      if (record.row.touchpoint_id !== null) {
        await movePlannedMeeting(trx, record.row.touchpoint_id, slot.start, slot.end - slot.start);
      }
      await rescheduleReminders(trx, { bookingId: record.row.id, start: slot.start, now });
      const changedRecord: BookingRecord = {
        ...record,
        row: { ...record.row, ...times, sequence: changed.sequence },
      };
      await deps.notify(
        trx,
        bookingEvent('rescheduled', changedRecord, {
          publicUrl: deps.publicUrl,
          token: props.token,
          linkToken: record.linkToken,
          previous: { start: record.row.starts_at, end: record.row.ends_at },
        }),
      );
      return changedRecord;
    });
  } catch (err) {
    if (isOverlapViolation(err, BOOKING_OVERLAP)) throw slotTaken();
    throw err;
  }
  deps.afterCommit();
  return moved;
}

/**
 * Cancels a booking from the app: its seller, or the account owner, may cancel any confirmed
 * booking that has not started (the guest's cut-off does not bind them). Anyone else gets
 * NotFound, so booking ids cannot be probed.
 */
export async function cancelBySeller(
  deps: BookingDeps,
  props: { viewer: Viewer; bookingId: BookingId },
): Promise<BookingRecord> {
  const record = await findBookingRecord(deps.db, props.bookingId);
  if (!record || (!props.viewer.isOwner && record.row.seller_id !== props.viewer.id)) {
    throw bookingNotFound();
  }
  if (record.row.status !== 'confirmed') throw alreadyCancelled();
  if (deps.clock.now() >= record.row.starts_at) throw alreadyStarted();
  return cancel(deps, record, 'seller', null);
}

// The double-booking guard in the database itself, on SQLite (trigger) and PostgreSQL (exclusion
// constraint): rows written straight into the table, with no service checking anything first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingTypeId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { isOverlapViolation } from '../db/errors.js';
import { bookingRow, insertMeetingTypeRow, insertSeller } from '../test/booking.js';
import { createTestDatabase, DIALECTS } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { BOOKING_OVERLAP, insertBooking, updateBookingRow } from './booking.repository.js';
import type { BookingRow } from './booking.table.js';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);

/** Runs a write and returns the error it threw, or null. */
async function errorOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
    return null;
  } catch (err) {
    return err;
  }
}

describe.each(DIALECTS)('the booking guard on %s', (dialect) => {
  let t: TestDatabase;
  let db: Db;
  let seller: UserId;
  let type: MeetingTypeId;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = t.db;
  });
  afterAll(async () => {
    await t.destroy();
  });

  // Each test gets its own seller, so the bookings of one test never meet another's.
  const fresh = async () => {
    seller = await insertSeller(db);
    type = await insertMeetingTypeRow(db, seller);
  };
  const row = (
    start: string,
    end: string,
    buffers: { before?: number; after?: number } = {},
    changes: Partial<BookingRow> = {},
  ) => bookingRow(seller, type, { start: at(start), end: at(end), ...buffers }, changes);
  const expectRefused = async (write: () => Promise<unknown>) => {
    const err = await errorOf(write);
    expect(err, 'the database accepted an overlapping booking').not.toBeNull();
    expect(isOverlapViolation(err, BOOKING_OVERLAP)).toBe(true);
  };
  const confirmedCount = async () => {
    const rows = await db
      .selectFrom('bookings')
      .select('id')
      .where('seller_id', '=', seller)
      .where('status', '=', 'confirmed')
      .execute();
    return rows.length;
  };

  it('refuses a second confirmed booking of the seller over the same time', async () => {
    await fresh();
    await insertBooking(db, row('10:00', '10:30'));
    await expectRefused(() => insertBooking(db, row('10:00', '10:30')));
    await expectRefused(() => insertBooking(db, row('10:15', '10:45')));
    await expectRefused(() => insertBooking(db, row('09:00', '12:00')));
    await expectRefused(() => insertBooking(db, row('10:10', '10:20')));
    expect(await confirmedCount()).toBe(1);
  });

  it('refuses bookings whose buffers alone overlap, on either side', async () => {
    await fresh();
    await insertBooking(db, row('10:00', '10:30', { after: 15 }));
    // Blocked until 10:45: a meeting at 10:40 without buffers reaches into it.
    await expectRefused(() => insertBooking(db, row('10:40', '11:10')));
    // A buffer of 20 minutes before 11:00 reaches back to 10:40.
    await expectRefused(() => insertBooking(db, row('11:00', '11:30', { before: 20 })));
    // A buffer after 09:50 reaches to 10:05, into the meeting itself.
    await expectRefused(() => insertBooking(db, row('09:20', '09:50', { after: 15 })));
    expect(await confirmedCount()).toBe(1);
  });

  it('accepts bookings whose buffered times only touch', async () => {
    await fresh();
    await insertBooking(db, row('10:00', '10:30', { before: 10, after: 15 }));
    // Blocked [09:50, 10:45): one ends at 09:50, the next begins at 10:45, buffers included.
    await insertBooking(db, row('09:20', '09:40', { after: 10 }));
    await insertBooking(db, row('10:55', '11:25', { before: 10 }));
    await insertBooking(db, row('11:25', '11:55'));
    expect(await confirmedCount()).toBe(4);
  });

  it('lets cancelled bookings block nothing, and refuses to confirm one into taken time', async () => {
    await fresh();
    const cancelled = row('10:00', '10:30', {}, { status: 'cancelled', cancelled_at: 1 });
    await insertBooking(db, cancelled);
    await insertBooking(db, row('10:00', '10:30'));
    await insertBooking(db, row('10:00', '10:30', {}, { status: 'cancelled', cancelled_at: 1 }));
    await expectRefused(() =>
      updateBookingRow(db, cancelled.id, { status: 'confirmed', cancelled_at: null }),
    );
    expect(await confirmedCount()).toBe(1);
  });

  it('refuses to move a booking into taken time but lets it move within its own', async () => {
    await fresh();
    const first = row('10:00', '10:30');
    const second = row('11:00', '11:30');
    await insertBooking(db, first);
    await insertBooking(db, second);
    await expectRefused(() =>
      updateBookingRow(db, second.id, {
        starts_at: at('10:15'),
        ends_at: at('10:45'),
        blocked_from: at('10:15'),
        blocked_to: at('10:45'),
      }),
    );
    await updateBookingRow(db, second.id, {
      starts_at: at('11:15'),
      ends_at: at('11:45'),
      blocked_from: at('11:15'),
      blocked_to: at('11:45'),
    });
    const moved = await db
      .selectFrom('bookings')
      .select('starts_at')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(moved.starts_at).toBe(at('11:15'));
  });

  it("keeps sellers apart: one seller's booking does not block another's", async () => {
    await fresh();
    await insertBooking(db, row('10:00', '10:30'));
    const other = await insertSeller(db, 'Otto Other');
    const otherType = await insertMeetingTypeRow(db, other);
    await insertBooking(db, bookingRow(other, otherType, { start: at('10:00'), end: at('10:30') }));
  });

  it('refuses rows whose blocked times do not follow from start, end and buffers', async () => {
    await fresh();
    const lying = row('10:00', '10:30', { after: 15 }, { blocked_to: at('10:30') });
    expect(await errorOf(() => insertBooking(db, lying))).not.toBeNull();
    const endless = row('10:00', '10:00');
    expect(await errorOf(() => insertBooking(db, endless))).not.toBeNull();
    expect(await confirmedCount()).toBe(0);
  });
});

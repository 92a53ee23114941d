// The data of the booking benchmark, written straight into the database before Nahbar starts: a
// seller with a personal room (the booking page's handle), booking hours in Europe/Berlin, one
// meeting type with buffers, and 300 confirmed bookings spread over the next 60 days at free slots
// chosen by the slot engine itself, so that none overlaps.
import type { Availability } from '../../shared/booking.js';
import type { MeetingTypeId, UserId } from '../../shared/ids.js';
import { computeSlots } from '../../server/booking/slots.js';
import type { ExistingBooking } from '../../server/booking/slots.js';
import type { Db } from '../../server/db/database.js';
import { systemClock } from '../../server/lib/clock.js';
import { newId } from '../../server/lib/random.js';
import { createRoom } from '../../server/rooms/room.service.js';
import { bookingRow } from '../../server/test/booking.js';
import type { Random } from './memory-data.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const WORKDAY = [
  { from: '08:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];

/** The seller's hours: Monday to Friday with a lunch break, Saturday morning, three days off. */
export function benchAvailability(now: number): Availability {
  const dayOff = (days: number) => new Date(now + days * DAY_MS).toISOString().slice(0, 10);
  return {
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      mon: WORKDAY,
      tue: WORKDAY,
      wed: WORKDAY,
      thu: WORKDAY,
      fri: WORKDAY,
      sat: [{ from: '09:00', to: '13:00' }],
      sun: [],
    },
    overrides: [10, 24, 38].map((d) => ({ date: dayOff(d), intervals: [] })),
  };
}

/** The meeting type: 30 minutes every 15, 10 minutes of buffer either side, 130 days ahead. */
export const BENCH_TYPE = {
  name: 'Maschinen-Demo',
  slug: 'demo',
  durationMinutes: 30,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 60,
  horizonDays: 130,
  slotStepMinutes: 15,
  dailyLimit: null,
};

/** What was seeded. */
export interface SlotsSeed {
  handle: string;
  slug: string;
  sellerId: UserId;
  availability: Availability;
  bookings: ExistingBooking[];
}

/** Seeds the seller, their page and `bookings` bookings over the next `days` days. */
export async function seedSlots(
  db: Db,
  random: Random,
  opts: { now: number; bookings: number; days: number },
): Promise<SlotsSeed> {
  const sellerId = newId<UserId>();
  await db
    .insertInto('users')
    .values({
      id: sellerId,
      email: 'bench@nahbar.test',
      name: 'Bench Seller',
      password_hash: 'not-a-hash',
      role: 'owner',
      created_at: opts.now,
    })
    .execute();
  const room = await createRoom(db, systemClock, {
    ownerId: sellerId,
    name: 'Bench Seller',
    personal: true,
    handle: 'bench-seller',
  });
  const availability = benchAvailability(opts.now);
  await db
    .insertInto('booking_settings')
    .values({
      seller_id: sellerId,
      time_zone: availability.timeZone,
      weekly_hours: JSON.stringify(availability.weeklyHours),
      overrides: JSON.stringify(availability.overrides),
      change_cutoff_hours: null,
      updated_at: opts.now,
    })
    .execute();
  const typeId = newId<MeetingTypeId>();
  await db
    .insertInto('meeting_types')
    .values({
      id: typeId,
      seller_id: sellerId,
      name: BENCH_TYPE.name,
      slug: BENCH_TYPE.slug,
      duration_minutes: BENCH_TYPE.durationMinutes,
      buffer_before_minutes: BENCH_TYPE.bufferBeforeMinutes,
      buffer_after_minutes: BENCH_TYPE.bufferAfterMinutes,
      minimum_notice_minutes: BENCH_TYPE.minimumNoticeMinutes,
      horizon_days: BENCH_TYPE.horizonDays,
      slot_step_minutes: BENCH_TYPE.slotStepMinutes,
      daily_limit: null,
      questions: '[]',
      active: 1,
      position: 0,
      created_at: opts.now,
      updated_at: opts.now,
      deleted_at: null,
    })
    .execute();
  // Each booking takes a random slot that is still free, as guests would.
  const bookings: ExistingBooking[] = [];
  const meetingType = { id: typeId, ...BENCH_TYPE };
  for (let i = 0; i < opts.bookings; i++) {
    const free = computeSlots({
      availability,
      meetingType,
      bookings,
      now: opts.now,
      from: opts.now,
      to: opts.now + opts.days * DAY_MS,
    });
    const slot = free[Math.floor(random() * free.length)];
    if (!slot) throw new Error(`no free slot left for booking ${i}`);
    bookings.push({
      start: slot.start,
      end: slot.end,
      bufferBeforeMinutes: BENCH_TYPE.bufferBeforeMinutes,
      bufferAfterMinutes: BENCH_TYPE.bufferAfterMinutes,
      meetingTypeId: typeId,
    });
  }
  const rows = bookings.map((b) =>
    bookingRow(sellerId, typeId, {
      start: b.start,
      end: b.end,
      before: b.bufferBeforeMinutes,
      after: b.bufferAfterMinutes,
    }),
  );
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('bookings')
      .values(rows.slice(i, i + 100))
      .execute();
  }
  if (bookings.some((b) => b.end - b.start !== BENCH_TYPE.durationMinutes * MINUTE_MS)) {
    throw new Error('a seeded booking has the wrong length');
  }
  return { handle: room.handle, slug: BENCH_TYPE.slug, sellerId, availability, bookings };
}

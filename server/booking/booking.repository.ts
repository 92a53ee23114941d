// Bookings in the database: inserted and changed rows, the bookings that block a stretch of a
// seller's time, and bookings read with what their views need (type, seller, lounge link).
import type { BookingId, UserId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { isSqlite } from '../db/id-list.js';
import type { BookingRow, BookingsTable, NewBooking } from './booking.table.js';
import type { ExistingBooking } from './slots.js';

/** The name the database's overlap guard raises (constraint on PostgreSQL, trigger on SQLite). */
export const BOOKING_OVERLAP = 'booking_overlap';

// No booking blocks more than a day (a CHECK in the migration holds every row to it), so one that
// reaches an instant starts less than a day before it: a short range of bookings_seller_blocked
// instead of all of a seller's past bookings.
const MAX_BLOCK_MS = 86_400_000;

/** A booking with what its views and events need besides its own columns. */
export interface BookingRecord {
  row: BookingRow;
  meetingType: { name: string; slug: string; durationMinutes: number };
  seller: { name: string; email: string; timeZone: string };
  /** The seller's "no changes within N hours" rule, in hours; null when they have none. */
  changeCutoffHours: number | null;
  /** The seller's personal room's handle (their booking page's too). */
  handle: string;
  /** The token of the booking's personal lounge link while it is live. */
  linkToken: string | null;
}

/** Inserts a booking; the overlap guard refuses it when its time is taken. */
export async function insertBooking(db: Db, row: NewBooking): Promise<void> {
  await db.insertInto('bookings').values(row).execute();
}

/** Changes a booking's columns; the overlap guard refuses a change into taken time. */
export async function updateBookingRow(
  db: Db,
  id: BookingId,
  patch: Partial<Omit<BookingsTable, 'id' | 'seller_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('bookings').set(patch).where('id', '=', id).execute();
}

/**
 * The seller's confirmed bookings whose buffered time reaches into [from, to), as the slot engine
 * takes them; `except` leaves out the booking being moved.
 */
export async function listBlockingBookings(
  db: Db,
  sellerId: UserId,
  window: { from: number; to: number; except?: BookingId },
): Promise<ExistingBooking[]> {
  let query = db
    .selectFrom('bookings')
    .select([
      'starts_at',
      'ends_at',
      'buffer_before_minutes',
      'buffer_after_minutes',
      'meeting_type_id',
    ])
    .where('seller_id', '=', sellerId)
    .where('status', '=', 'confirmed')
    .where('blocked_from', '>', window.from - MAX_BLOCK_MS)
    .where('blocked_from', '<', window.to)
    .where('blocked_to', '>', window.from);
  if (window.except) query = query.where('id', '<>', window.except);
  const rows = await query.execute();
  return rows.map((r) => ({
    start: r.starts_at,
    end: r.ends_at,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    meetingTypeId: r.meeting_type_id,
  }));
}

function selectRecords(db: Db) {
  return db
    .selectFrom('bookings')
    .innerJoin('meeting_types', 'meeting_types.id', 'bookings.meeting_type_id')
    .innerJoin('users', 'users.id', 'bookings.seller_id')
    .innerJoin('booking_settings', 'booking_settings.seller_id', 'bookings.seller_id')
    .innerJoin('rooms', (join) =>
      join.onRef('rooms.owner_id', '=', 'bookings.seller_id').on('rooms.personal', '=', 1),
    )
    .leftJoin('contact_links', (join) =>
      join
        .onRef('contact_links.id', '=', 'bookings.contact_link_id')
        .on('contact_links.revoked_at', 'is', null),
    )
    .selectAll('bookings')
    .select([
      'meeting_types.name as type_name',
      'meeting_types.slug as type_slug',
      'meeting_types.duration_minutes as type_duration',
      'users.name as seller_name',
      'users.email as seller_email',
      'booking_settings.time_zone as seller_time_zone',
      'booking_settings.change_cutoff_hours as change_cutoff_hours',
      'rooms.handle as handle',
      'contact_links.token as link_token',
    ]);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof selectRecords>['executeTakeFirstOrThrow']>>;

function toRecord(r: RecordRow): BookingRecord {
  const {
    type_name,
    type_slug,
    type_duration,
    seller_name,
    seller_email,
    seller_time_zone,
    change_cutoff_hours,
    handle,
    link_token,
    ...row
  } = r;
  return {
    row,
    meetingType: { name: type_name, slug: type_slug, durationMinutes: type_duration },
    seller: { name: seller_name, email: seller_email, timeZone: seller_time_zone },
    changeCutoffHours: change_cutoff_hours,
    handle,
    linkToken: link_token,
  };
}

/** Finds a booking by id. */
export async function findBookingRecord(db: Db, id: BookingId): Promise<BookingRecord | undefined> {
  const row = await selectRecords(db).where('bookings.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Finds the booking whose manage token has this SHA-256 hash. */
export async function findBookingRecordByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<BookingRecord | undefined> {
  const row = await selectRecords(db)
    .where('bookings.manage_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && toRecord(row);
}

/**
 * Lists the bookings a viewer may see that end after `from`, soonest first: a seller's own, every
 * seller's for the account owner. Cancelled ones only when asked for.
 */
export async function listBookingRecords(
  db: Db,
  viewer: Viewer,
  query: { from: number; limit: number; includeCancelled: boolean },
): Promise<BookingRecord[]> {
  let select = selectRecords(db)
    .where('bookings.blocked_from', '>', query.from - MAX_BLOCK_MS)
    .where('bookings.ends_at', '>', query.from);
  if (!viewer.isOwner) select = select.where('bookings.seller_id', '=', viewer.id);
  if (!query.includeCancelled) select = select.where('bookings.status', '=', 'confirmed');
  const rows = await select
    .orderBy('bookings.starts_at')
    .orderBy('bookings.id')
    .limit(query.limit)
    .execute();
  return rows.map(toRecord);
}

/**
 * Makes the rest of the transaction the only one changing this seller's bookings: on PostgreSQL
 * an advisory lock until commit; on SQLite the transaction already holds the one connection.
 */
export async function lockSellerBookings(trx: Db, sellerId: UserId): Promise<void> {
  if (isSqlite(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`bookings:${sellerId}`}))`.execute(trx);
}

// Booked meetings where the seller meets them: on the Today list a guest who booked the seller for
// today puts their contact on the list (weight of a meeting today), and the seller's booking zone
// decides "today"; in the lobby a guest who knocks through a booking's link shows the booking.
import type { ContactId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';

/** A confirmed booking of today, by the contact it was matched to or created as. */
export interface BookedToday {
  contactId: ContactId;
  startsAt: number;
  meetingType: string;
}

/**
 * The seller's confirmed bookings that start in [from, to], earliest first, one per contact (the
 * earliest). Bookings whose contact was erased have none and are left out.
 */
export async function findBookedToday(
  db: Db,
  sellerId: UserId,
  from: number,
  to: number,
): Promise<BookedToday[]> {
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('meeting_types as t', 't.id', 'b.meeting_type_id')
    .select(['b.contact_id', 'b.starts_at', 't.name'])
    .where('b.seller_id', '=', sellerId)
    .where('b.status', '=', 'confirmed')
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<=', to)
    .where('b.contact_id', 'is not', null)
    .orderBy('b.starts_at')
    .execute();
  const byContact = new Map<ContactId, BookedToday>();
  for (const r of rows) {
    if (r.contact_id === null || byContact.has(r.contact_id)) continue;
    byContact.set(r.contact_id, {
      contactId: r.contact_id,
      startsAt: r.starts_at,
      meetingType: r.name,
    });
  }
  return [...byContact.values()];
}

/** The zone the seller's booking hours are in, or null before they saved booking settings. */
export async function findSellerZone(db: Db, sellerId: UserId): Promise<string | null> {
  const row = await db
    .selectFrom('booking_settings')
    .select('time_zone')
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row?.time_zone ?? null;
}

/** The booking a knock came through: its time and meeting type. */
export interface KnockBooking {
  startsAt: number;
  meetingType: string;
}

/** The confirmed booking that made personal link `linkId`, if any. */
export async function findBookingOfLink(db: Db, linkId: string): Promise<KnockBooking | null> {
  const row = await db
    .selectFrom('bookings as b')
    .innerJoin('meeting_types as t', 't.id', 'b.meeting_type_id')
    .select(['b.starts_at', 't.name'])
    .where('b.contact_link_id', '=', linkId)
    .where('b.status', '=', 'confirmed')
    .orderBy('b.starts_at')
    .executeTakeFirst();
  return row ? { startsAt: row.starts_at, meetingType: row.name } : null;
}

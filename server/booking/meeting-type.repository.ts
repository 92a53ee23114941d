// Booking settings, meeting types and the booking page behind a handle, in the database.
import type { MeetingTypeId, RoomId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type {
  BookingSettingsRow,
  MeetingTypeRow,
  MeetingTypesTable,
  NewMeetingType,
} from './booking.table.js';

/** Finds a seller's booking settings; undefined until they first save them. */
export async function findBookingSettings(
  db: Db,
  sellerId: UserId,
): Promise<BookingSettingsRow | undefined> {
  return db
    .selectFrom('booking_settings')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
}

/** Inserts or replaces a seller's booking settings. */
export async function saveBookingSettings(db: Db, row: BookingSettingsRow): Promise<void> {
  const { time_zone, weekly_hours, overrides, change_cutoff_hours, updated_at } = row;
  await db
    .insertInto('booking_settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('seller_id')
        .doUpdateSet({ time_zone, weekly_hours, overrides, change_cutoff_hours, updated_at }),
    )
    .execute();
}

/** The seller's personal room: its handle is their booking page's too. */
export async function findPersonalRoomOf(
  db: Db,
  sellerId: UserId,
): Promise<{ id: RoomId; handle: string } | undefined> {
  return db
    .selectFrom('rooms')
    .select(['id', 'handle'])
    .where('owner_id', '=', sellerId)
    .where('personal', '=', 1)
    .executeTakeFirst();
}

/** A live booking page: the seller behind a personal room's handle, with saved settings. */
export interface BookingPage {
  roomId: RoomId;
  handle: string;
  sellerId: UserId;
  sellerName: string;
  sellerEmail: string;
  settings: BookingSettingsRow;
}

/** Finds the booking page of a handle; undefined for other handles and unsaved settings. */
export async function findBookingPage(db: Db, handle: string): Promise<BookingPage | undefined> {
  const row = await db
    .selectFrom('rooms')
    .innerJoin('users', 'users.id', 'rooms.owner_id')
    .innerJoin('booking_settings', 'booking_settings.seller_id', 'rooms.owner_id')
    .selectAll('booking_settings')
    .select([
      'rooms.id as room_id',
      'rooms.handle as handle',
      'users.name as seller_name',
      'users.email as seller_email',
    ])
    .where('rooms.handle', '=', handle)
    .where('rooms.personal', '=', 1)
    .where('rooms.archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { room_id, handle: found, seller_name, seller_email, ...settings } = row;
  return {
    roomId: room_id,
    handle: found,
    sellerId: settings.seller_id,
    sellerName: seller_name,
    sellerEmail: seller_email,
    settings,
  };
}

/** Lists a seller's meeting types (not deleted) in page order; only active ones if asked. */
export async function listMeetingTypes(
  db: Db,
  sellerId: UserId,
  opts: { activeOnly: boolean },
): Promise<MeetingTypeRow[]> {
  let query = db
    .selectFrom('meeting_types')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .where('deleted_at', 'is', null);
  if (opts.activeOnly) query = query.where('active', '=', 1);
  return query.orderBy('position').orderBy('created_at').execute();
}

/** Finds a seller's meeting type (not deleted) by id. */
export async function findMeetingType(
  db: Db,
  sellerId: UserId,
  id: MeetingTypeId,
): Promise<MeetingTypeRow | undefined> {
  return db
    .selectFrom('meeting_types')
    .selectAll()
    .where('id', '=', id)
    .where('seller_id', '=', sellerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Finds a seller's active meeting type by its slug. */
export async function findActiveMeetingTypeBySlug(
  db: Db,
  sellerId: UserId,
  slug: string,
): Promise<MeetingTypeRow | undefined> {
  return db
    .selectFrom('meeting_types')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .where('slug', '=', slug)
    .where('deleted_at', 'is', null)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** Finds a meeting type by id, deleted or not (bookings keep naming deleted types). */
export async function findMeetingTypeById(
  db: Db,
  id: MeetingTypeId,
): Promise<MeetingTypeRow | undefined> {
  return db.selectFrom('meeting_types').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lists a seller's slugs (types not deleted) equal to `base` or of the form `base-<suffix>`. */
export async function findMeetingTypeSlugsLike(
  db: Db,
  sellerId: UserId,
  base: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('meeting_types')
    .select('slug')
    .where('seller_id', '=', sellerId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

/** The position after a seller's last meeting type. */
export async function nextMeetingTypePosition(db: Db, sellerId: UserId): Promise<number> {
  const row = await db
    .selectFrom('meeting_types')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('seller_id', '=', sellerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** Inserts a meeting type. */
export async function insertMeetingType(db: Db, row: NewMeetingType): Promise<void> {
  await db.insertInto('meeting_types').values(row).execute();
}

/** Changes a meeting type's columns. */
export async function updateMeetingTypeRow(
  db: Db,
  id: MeetingTypeId,
  patch: Partial<Omit<MeetingTypesTable, 'id' | 'seller_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('meeting_types').set(patch).where('id', '=', id).execute();
}

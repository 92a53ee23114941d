// Rooms in the database.
import type { RoomId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { NewRoom, RoomRow } from './room.table.js';

/** Finds a live (not archived) room by its handle. */
export async function findRoomByHandle(db: Db, handle: string): Promise<RoomRow | undefined> {
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('handle', '=', handle)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** Finds a room by id, archived or not. */
export async function findRoomById(db: Db, id: RoomId): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lists the live rooms of an owner, personal room first. */
export async function listRoomsOfOwner(db: Db, ownerId: UserId): Promise<RoomRow[]> {
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('archived_at', 'is', null)
    .orderBy('personal', 'desc')
    .orderBy('created_at', 'asc')
    .execute();
}

/** Inserts a room. */
export async function insertRoom(db: Db, room: NewRoom): Promise<void> {
  await db.insertInto('rooms').values(room).execute();
}

/** Lists handles equal to `base` or of the form `base-<suffix>`, archived rooms included. */
export async function findRoomHandlesLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('rooms')
    .select('handle')
    .where((eb) => eb.or([eb('handle', '=', base), eb('handle', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.handle);
}

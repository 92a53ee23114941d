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

/** True when any room, archived or not, has this handle (handles are never reused). */
export async function isHandleTaken(db: Db, handle: string): Promise<boolean> {
  const row = await db
    .selectFrom('rooms')
    .select('id')
    .where('handle', '=', handle)
    .executeTakeFirst();
  return row !== undefined;
}

/** Finds a live room by id only if it belongs to the given user. */
export async function findLiveRoomOfOwner(
  db: Db,
  id: RoomId,
  ownerId: UserId,
): Promise<RoomRow | undefined> {
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** Changes the name and/or mode of a room. */
export async function updateRoom(
  db: Db,
  id: RoomId,
  patch: Partial<Pick<RoomRow, 'name' | 'mode'>>,
): Promise<void> {
  if (patch.name === undefined && patch.mode === undefined) return;
  await db.updateTable('rooms').set(patch).where('id', '=', id).execute();
}

/** Marks a room as archived; its handle stays taken. */
export async function archiveRoomById(db: Db, id: RoomId, now: number): Promise<void> {
  await db.updateTable('rooms').set({ archived_at: now }).where('id', '=', id).execute();
}

/** Finds a live room by handle together with its host's name. */
export async function findLiveRoomWithHost(
  db: Db,
  handle: string,
): Promise<(RoomRow & { host_name: string }) | undefined> {
  return db
    .selectFrom('rooms')
    .innerJoin('users', 'users.id', 'rooms.owner_id')
    .selectAll('rooms')
    .select('users.name as host_name')
    .where('rooms.handle', '=', handle)
    .where('rooms.archived_at', 'is', null)
    .executeTakeFirst();
}

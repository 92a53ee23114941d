// Rules about rooms: deriving unique handles, creating personal and named rooms, and changes that
// only a room's owner may make.
import type { RoomId, UserId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/database.js';
import { Conflict, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import {
  archiveRoomById,
  findLiveRoomOfOwner,
  findLiveRoomWithHost,
  findRoomHandlesLike,
  insertRoom,
  isHandleTaken,
  updateRoom,
} from './room.repository.js';
import type { RoomRow } from './room.table.js';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Turns a name into a handle candidate: "Jörg Weiß" → "joerg-weiss". Always 3 to 32 characters. */
export function slugifyHandle(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  if (slug.length >= 3) return slug;
  return slug ? `${slug}-lounge` : 'lounge';
}

/** Picks the first free handle among `base`, `base-2`, `base-3`, … */
export async function uniqueHandle(db: Db, base: string): Promise<string> {
  const taken = new Set(await findRoomHandlesLike(db, base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Props of createRoom. */
export interface CreateRoomProps {
  ownerId: UserId;
  name: string;
  personal: boolean;
  /** Desired handle; derived from the name when absent. */
  handle?: string;
}

/** Creates a room with a unique handle; the caller may pass a transaction as `db`. */
export async function createRoom(db: Db, clock: Clock, props: CreateRoomProps): Promise<RoomRow> {
  const row: RoomRow = {
    id: newId<RoomId>(),
    owner_id: props.ownerId,
    handle: await uniqueHandle(db, props.handle ?? slugifyHandle(props.name)),
    name: props.name,
    mode: 'knock',
    personal: props.personal ? 1 : 0,
    created_at: clock.now(),
    archived_at: null,
  };
  await insertRoom(db, row);
  return row;
}

const roomNotFound = () => new NotFound('Room not found', 'room_not_found');
const handleTaken = () => new Conflict('This room link is taken', 'handle_taken');

/** Props of createNamedRoom. */
export interface CreateNamedRoomProps {
  ownerId: UserId;
  name: string;
  /** The exact handle the seller asked for; Conflict when it is taken. Derived from the name when absent. */
  handle?: string | undefined;
}

/** Creates a seller's additional (not personal) room. */
export async function createNamedRoom(
  db: Db,
  clock: Clock,
  props: CreateNamedRoomProps,
): Promise<RoomRow> {
  if (props.handle !== undefined && (await isHandleTaken(db, props.handle))) throw handleTaken();
  try {
    return await createRoom(db, clock, {
      ownerId: props.ownerId,
      name: props.name,
      personal: false,
      ...(props.handle !== undefined ? { handle: props.handle } : {}),
    });
  } catch (err) {
    // Someone took the handle between the check and the insert.
    if (isUniqueViolation(err)) throw handleTaken();
    throw err;
  }
}

/** Props of changeRoom. */
export interface ChangeRoomProps {
  roomId: RoomId;
  /** Who asks; anyone but the room's owner gets NotFound, so room ids cannot be probed. */
  userId: UserId;
  name?: string | undefined;
  mode?: RoomMode | undefined;
}

/** Renames a room and/or switches its mode; returns the room as it is now. */
export async function changeRoom(db: Db, props: ChangeRoomProps): Promise<RoomRow> {
  const room = await findLiveRoomOfOwner(db, props.roomId, props.userId);
  if (!room) throw roomNotFound();
  const patch: Partial<Pick<RoomRow, 'name' | 'mode'>> = {};
  if (props.name !== undefined) patch.name = props.name;
  if (props.mode !== undefined) patch.mode = props.mode;
  await updateRoom(db, room.id, patch);
  return { ...room, ...patch };
}

/** Props of archiveRoom. */
export interface ArchiveRoomProps {
  roomId: RoomId;
  /** Who asks; anyone but the room's owner gets NotFound. */
  userId: UserId;
}

/** Archives a named room: its link stops working and its handle is never given out again. */
export async function archiveRoom(db: Db, clock: Clock, props: ArchiveRoomProps): Promise<void> {
  const room = await findLiveRoomOfOwner(db, props.roomId, props.userId);
  if (!room) throw roomNotFound();
  if (room.personal === 1) {
    throw new Conflict('The personal room cannot be archived', 'personal_room');
  }
  await archiveRoomById(db, room.id, clock.now());
}

/** A live room as its link shows it, with the host's name. */
export type PublicRoom = RoomRow & { host_name: string };

/** Finds the live room behind a link; NotFound (`room_not_found`) for unknown or malformed handles. */
export async function findPublicRoom(db: Db, handle: string): Promise<PublicRoom> {
  const room = await findLiveRoomWithHost(db, handle.toLowerCase());
  if (!room) throw roomNotFound();
  return room;
}

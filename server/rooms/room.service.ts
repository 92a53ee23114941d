// Rules about rooms that span several rows: deriving unique handles, creating a seller's personal room.
import type { RoomId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { findRoomHandlesLike, insertRoom } from './room.repository.js';
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
  return slug.length >= 3 ? slug : `${slug || 'lounge'}-lounge`.replace(/^-/, '');
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

// Table type of the rooms feature.
import type { Insertable, Selectable } from 'kysely';
import type { RoomId, UserId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';

/** A seller's video room, reachable at `/r/<handle>`. */
export interface RoomsTable {
  id: RoomId;
  owner_id: UserId;
  handle: string;
  name: string;
  mode: RoomMode;
  /** 1 for the seller's personal room (one per seller, never archived), else 0. */
  personal: number;
  created_at: number;
  archived_at: number | null;
}

/** A room row as read. */
export type RoomRow = Selectable<RoomsTable>;
/** A room row to insert. */
export type NewRoom = Insertable<RoomsTable>;

// What the rooms feature sends to clients. Guests learn a room's name and host, nothing else.
import type { RoomId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';
import type { PublicRoom } from './room.service.js';
import type { RoomRow } from './room.table.js';

/** A room as its owner sees it. */
export interface RoomView {
  id: RoomId;
  handle: string;
  name: string;
  mode: RoomMode;
  personal: boolean;
  /** The link guests open. */
  url: string;
  createdAt: number;
}

/** The link of a room. */
export function roomUrl(publicUrl: string, handle: string): string {
  return `${publicUrl}/r/${handle}`;
}

/** Presents a room to its owner. */
export function presentRoom(row: RoomRow, publicUrl: string): RoomView {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    mode: row.mode,
    personal: row.personal === 1,
    url: roomUrl(publicUrl, row.handle),
    createdAt: row.created_at,
  };
}

/** A room as its link shows it; `id` and `mode` only for the host. */
export interface PublicRoomView {
  handle: string;
  name: string;
  hostName: string;
  isHost: boolean;
  id?: RoomId;
  mode?: RoomMode;
}

/** Presents a room to whoever opened its link; only the host learns its id and mode. */
export function presentPublicRoom(room: PublicRoom, isHost: boolean): PublicRoomView {
  const view: PublicRoomView = {
    handle: room.handle,
    name: room.name,
    hostName: room.host_name,
    isHost,
  };
  return isHost ? { ...view, id: room.id, mode: room.mode } : view;
}

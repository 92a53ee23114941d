// What the rooms feature sends to clients. Guests learn a room's name and host, nothing else.
import type { PublicRoomView, RoomView } from '../../shared/api/rooms.js';
import type { PublicRoom } from './room.service.js';
import type { RoomRow } from './room.table.js';

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

/**
 * Presents a room to whoever opened its link; only the host learns its id and mode. A personal
 * link adds the name of the contact it was made for, to greet them.
 */
export function presentPublicRoom(
  room: PublicRoom,
  isHost: boolean,
  greeting: string | null = null,
): PublicRoomView {
  const view: PublicRoomView = {
    handle: room.handle,
    name: room.name,
    hostName: room.host_name,
    isHost,
    ...(greeting && !isHost ? { greeting } : {}),
  };
  return isHost ? { ...view, id: room.id, mode: room.mode } : view;
}

// Typed calls of the rooms API that the lounge page uses.
import type { RoomMode } from '../../shared/limits';
import type { PublicRoomView } from '../../shared/api/rooms';
import { api } from './http';

/** A room as anyone with its link sees it; `id` and `mode` only for its host. */
export type PublicRoom = PublicRoomView;

/**
 * Loads the room behind `/r/<handle>` (with the token of a personal link, to be greeted by name);
 * throws ApiError 404 `room_not_found` for an unknown link.
 */
export async function fetchPublicRoom(
  handle: string,
  link: string | null,
  signal?: AbortSignal,
): Promise<PublicRoom> {
  const query = link ? `?c=${encodeURIComponent(link)}` : '';
  const body = await api<{ room: PublicRoom }>(
    `/api/rooms/public/${encodeURIComponent(handle)}${query}`,
    signal ? { signal } : {},
  );
  return body.room;
}

/** Changes a room's lobby mode (room owner only); resolves with the mode the server stored. */
export async function updateRoomMode(id: string, mode: RoomMode): Promise<RoomMode> {
  const body = await api<{ room: { mode?: RoomMode } }>(`/api/rooms/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { mode },
  });
  return body.room.mode ?? mode;
}

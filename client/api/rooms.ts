// Typed calls of the rooms API for a seller's own rooms.
import type { RoomMode } from '../../shared/limits';
import type { RoomView } from '../../shared/api/rooms';
import { api } from './http';

/** A room as its owner sees it. */
export type Room = RoomView;

/** Lists the caller's own live rooms, personal room first. */
export async function fetchRooms(signal?: AbortSignal): Promise<Room[]> {
  return (await api<{ rooms: Room[] }>('/api/rooms', signal ? { signal } : {})).rooms;
}

/** Creates a named room; throws ApiError 409 `handle_taken` when the chosen link is taken. */
export async function createRoom(name: string, handle?: string): Promise<Room> {
  const body = await api<{ room: Room }>('/api/rooms', {
    method: 'POST',
    body: handle ? { name, handle } : { name },
  });
  return body.room;
}

/** Renames a room and/or switches its mode. */
export async function updateRoom(
  id: string,
  change: { name?: string; mode?: RoomMode },
): Promise<Room> {
  const body = await api<{ room: Room }>(`/api/rooms/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: change,
  });
  return body.room;
}

/** Archives a named room; its link stops working. */
export async function archiveRoom(id: string): Promise<void> {
  await api<void>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

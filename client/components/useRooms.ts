// Loads the signed-in seller's own rooms for a page, with loading and error state.
import type { Dispatch, SetStateAction } from 'react';
import { fetchRooms } from '../api/rooms';
import type { Room } from '../api/rooms';
import { useLoaded } from './useLoaded';

/** The seller's rooms (null while loading), a load error, and a way to load again. */
export function useRooms(enabled: boolean): {
  rooms: Room[] | null;
  error: unknown;
  reload: () => Promise<void>;
  setRooms: Dispatch<SetStateAction<Room[] | null>>;
} {
  const { data, error, reload, setData } = useLoaded(fetchRooms, enabled);
  return { rooms: data, error, reload, setRooms: setData };
}

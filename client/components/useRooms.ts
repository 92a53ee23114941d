// Loads the signed-in seller's own rooms for a page, with loading and error state.
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { fetchRooms } from '../api/rooms';
import type { Room } from '../api/rooms';

/** The seller's rooms (null while loading), a load error, and a way to load again. */
export function useRooms(enabled: boolean): {
  rooms: Room[] | null;
  error: unknown;
  reload: () => Promise<void>;
  setRooms: Dispatch<SetStateAction<Room[] | null>>;
} {
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setRooms(await fetchRooms());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    fetchRooms(abort.signal).then(
      (loaded) => {
        setRooms(loaded);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [enabled]);
  return { rooms, error, reload, setRooms };
}

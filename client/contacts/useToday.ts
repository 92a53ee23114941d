// Loads the seller's Today list for a page, with error state and a way to load it again.
import { useCallback, useEffect, useState } from 'react';
import { fetchToday } from '../api/contacts';
import type { TodayView } from '../api/contacts';

/** The Today list (null while loading), a load error, and `reload` (after logging or snoozing). */
export function useToday(enabled: boolean): {
  today: TodayView | null;
  error: unknown;
  reload: () => Promise<void>;
} {
  const [today, setToday] = useState<TodayView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setToday(await fetchToday());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    fetchToday(abort.signal).then(
      (loaded) => {
        setToday(loaded);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [enabled]);
  return { today, error, reload };
}

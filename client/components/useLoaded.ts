// Loads one thing for a page once it is enabled, with error state and a way to load it again.
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

/** What `useLoaded` gives a page. */
export interface Loaded<T> {
  /** The data, null while loading. */
  data: T | null;
  error: unknown;
  /** Loads again (after a change the page made). */
  reload: () => Promise<void>;
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * Calls `load` when `enabled` turns true (aborting it if the page goes away first) and keeps
 * its answer or error. `load` should be stable (a module function): a new one loads again.
 */
export function useLoaded<T>(
  load: (signal?: AbortSignal) => Promise<T>,
  enabled: boolean,
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [load]);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    load(abort.signal).then(
      (loaded) => {
        setData(loaded);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [enabled, load]);
  return { data, error, reload, setData };
}

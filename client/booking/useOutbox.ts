// One page of the outbox for the outbox page, newest first.
import { useCallback, useEffect, useState } from 'react';
import { fetchOutbox } from '../api/outbox';
import type { OutboxPageView } from '../api/outbox';

/** Messages per page of the outbox. */
export const OUTBOX_PAGE_SIZE = 20;

/** The page at `offset` (null while loading), a load error, and a way to load it again. */
export function useOutbox(
  offset: number,
  enabled: boolean,
): { page: OutboxPageView | null; error: unknown; reload: () => void } {
  const [round, setRound] = useState(0);
  const key = `${offset}|${round}`;
  const [loaded, setLoaded] = useState<{
    key: string;
    page: OutboxPageView | null;
    error: unknown;
  } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    fetchOutbox({ limit: OUTBOX_PAGE_SIZE, offset }, abort.signal).then(
      (page) => setLoaded({ key, page, error: null }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ key, page: null, error });
      },
    );
    return () => abort.abort();
  }, [enabled, offset, key]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const current = loaded?.key === key ? loaded : null;
  return { page: current?.page ?? null, error: current?.error ?? null, reload };
}

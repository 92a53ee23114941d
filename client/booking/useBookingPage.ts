// Loads a seller's public booking page for /book/<handle>.
import { useCallback, useEffect, useState } from 'react';
import { fetchBookingPage } from '../api/booking';
import type { BookingPageView } from '../api/booking';
import { ApiError } from '../api/http';

/** The booking page behind the link, while loading and after. */
export type BookingPageLoad =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; page: BookingPageView };

/** The booking page of `handle`, and a way to load it again (after a meeting type went away). */
export function useBookingPage(handle: string): {
  load: BookingPageLoad;
  reload: () => void;
} {
  const [loaded, setLoaded] = useState<{ handle: string; load: BookingPageLoad } | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    fetchBookingPage(handle, abort.signal).then(
      (page) => setLoaded({ handle, load: { status: 'ready', page } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const notFound = error instanceof ApiError && error.status === 404;
        setLoaded({ handle, load: notFound ? { status: 'notFound' } : { status: 'error', error } });
      },
    );
    return () => abort.abort();
  }, [handle, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // While a reload runs, the page keeps showing what it had.
  return { load: loaded?.handle === handle ? loaded.load : { status: 'loading' }, reload };
}

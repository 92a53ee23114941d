// Loads the booking behind a guest's manage link, and keeps the page's copy after changes.
import { useCallback, useEffect, useState } from 'react';
import { fetchManagedBooking } from '../api/booking';
import type { ManagedBookingView } from '../api/booking';
import { ApiError } from '../api/http';

/** The booking behind the link, while loading and after; `invalid` for a wrong token. */
export type ManagedBookingLoad =
  | { status: 'loading' }
  | { status: 'invalid' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; booking: ManagedBookingView };

/** The booking of `token`, a way to show a changed one, and a way to load it again. */
export function useManagedBooking(token: string): {
  load: ManagedBookingLoad;
  show: (booking: ManagedBookingView) => void;
  reload: () => void;
} {
  const [loaded, setLoaded] = useState<{ token: string; load: ManagedBookingLoad } | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    fetchManagedBooking(token, abort.signal).then(
      (booking) => setLoaded({ token, load: { status: 'ready', booking } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const invalid = error instanceof ApiError && error.status === 404;
        setLoaded({ token, load: invalid ? { status: 'invalid' } : { status: 'error', error } });
      },
    );
    return () => abort.abort();
  }, [token, round]);
  const show = useCallback(
    (booking: ManagedBookingView) => setLoaded({ token, load: { status: 'ready', booking } }),
    [token],
  );
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { load: loaded?.token === token ? loaded.load : { status: 'loading' }, show, reload };
}

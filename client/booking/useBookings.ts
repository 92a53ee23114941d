// The seller's upcoming bookings for the bookings page, with cancelled ones on request, and
// cancelling one (the list shows what the server stored).
import { useCallback } from 'react';
import { cancelBooking, fetchBookingSettings, fetchBookings } from '../api/booking';
import type { BookingSettingsView, BookingView } from '../api/booking';
import type { BookingId } from '../../shared/ids';
import { useLoaded } from '../components/useLoaded';

/** Most bookings the page lists (the API's largest page). */
export const BOOKING_LIST_LIMIT = 500;

async function loadUpcoming(signal?: AbortSignal) {
  const [settings, bookings] = await Promise.all([
    fetchBookingSettings(signal),
    fetchBookings({ limit: BOOKING_LIST_LIMIT, cancelled: true }, signal),
  ]);
  return { settings, bookings };
}

/** Upcoming bookings (null while loading), the seller's settings, and cancelling one. */
export function useBookings(enabled: boolean): {
  bookings: BookingView[] | null;
  settings: BookingSettingsView | null;
  error: unknown;
  reload: () => Promise<void>;
  cancel: (id: BookingId) => Promise<BookingView>;
} {
  const { data, error, reload, setData } = useLoaded(loadUpcoming, enabled);
  const cancel = useCallback(
    async (id: BookingId) => {
      const cancelled = await cancelBooking(id);
      setData(
        (loaded) =>
          loaded && {
            ...loaded,
            bookings: loaded.bookings.map((b) => (b.id === cancelled.id ? cancelled : b)),
          },
      );
      return cancelled;
    },
    [setData],
  );
  return {
    bookings: data?.bookings ?? null,
    settings: data?.settings ?? null,
    error,
    reload,
    cancel,
  };
}

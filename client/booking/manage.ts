// Where a booking behind a guest's manage link stands, and so what its page offers.
import type { ManagedBookingView } from '../../shared/api/booking';

/**
 * What the manage page can do with a booking: `changeable` (move or cancel), `tooLate` (within
 * the seller's cut-off), `started`, `over`, or `cancelled`.
 */
export type ManageState = 'changeable' | 'tooLate' | 'started' | 'over' | 'cancelled';

/** The state of a booking at `now`; the server's `changeable` has the last word. */
export function manageState(
  booking: Pick<ManagedBookingView, 'status' | 'start' | 'end' | 'changeable' | 'changeableUntil'>,
  now: number,
): ManageState {
  if (booking.status === 'cancelled') return 'cancelled';
  if (now >= booking.end) return 'over';
  if (now >= booking.start) return 'started';
  if (!booking.changeable) return 'tooLate';
  if (booking.changeableUntil !== null && now >= booking.changeableUntil) return 'tooLate';
  return 'changeable';
}

/** Which part of the manage page a link opens: the overview, the slot picker, or the cancel step. */
export type ManageIntent = 'view' | 'reschedule' | 'cancel';

/** The intent of a manage link's last path segment (`/bookings/<token>/cancel`). */
export function manageIntent(segment: string | undefined): ManageIntent {
  return segment === 'reschedule' || segment === 'cancel' ? segment : 'view';
}

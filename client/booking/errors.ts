// What went wrong with a booking, in terms the guest pages speak: each problem has a sentence in
// the `booking` namespace (`problems.<problem>`) and says what the page should do next.
import { ApiError } from '../api/http';

/** A problem of the booking flows; each has a sentence in `problems`. */
export type BookingProblem =
  | 'slotTaken'
  | 'slotUnavailable'
  | 'changeTooLate'
  | 'cancelled'
  | 'started'
  | 'pageNotFound'
  | 'typeNotFound'
  | 'linkInvalid'
  | 'invalid'
  | 'rateLimited'
  | 'network'
  | 'generic';

const BY_CODE: Readonly<Record<string, BookingProblem>> = {
  slot_taken: 'slotTaken',
  slot_unavailable: 'slotUnavailable',
  change_too_late: 'changeTooLate',
  booking_cancelled: 'cancelled',
  booking_started: 'started',
  booking_page_not_found: 'pageNotFound',
  meeting_type_not_found: 'typeNotFound',
  booking_not_found: 'linkInvalid',
  rate_limited: 'rateLimited',
  network: 'network',
  invalid: 'invalid',
  answer_required: 'invalid',
  invalid_phone: 'invalid',
};

/** The problem behind any thrown error of the booking API. */
export function bookingProblem(error: unknown): BookingProblem {
  if (!(error instanceof ApiError)) return 'generic';
  const known = BY_CODE[error.code];
  if (known) return known;
  if (error.status === 400) return 'invalid';
  return 'generic';
}

/**
 * Whether the chosen time is gone and the guest should pick another from fresh slots (someone
 * else booked it, or the seller's hours or rules changed meanwhile).
 */
export function needsNewSlot(problem: BookingProblem): boolean {
  return problem === 'slotTaken' || problem === 'slotUnavailable';
}

/**
 * Whether the booking behind a manage link changed state elsewhere (cancelled, started, too
 * close) so that the page should load it again to show what holds now.
 */
export function needsReload(problem: BookingProblem): boolean {
  return problem === 'cancelled' || problem === 'started' || problem === 'changeTooLate';
}

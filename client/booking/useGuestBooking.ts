// Sends the guest's booking and sorts out the answer: the booking, field errors to show on the
// form, a slot that is gone (pick another), or another problem to say in a sentence.
import { useCallback, useState } from 'react';
import type { BookingLanguage } from '../../shared/booking';
import { bookSlot } from '../api/booking';
import type { BookedView, SlotView } from '../api/booking';
import { bookingProblem, needsNewSlot } from './errors';
import type { BookingProblem } from './errors';
import { fieldErrorsFromApi, hasGuestErrors } from './guest-form';
import type { GuestFormErrors, GuestValues } from './guest-form';

/** How a booking attempt ended. */
export type BookingOutcome =
  | { kind: 'booked'; booked: BookedView; email: string }
  | { kind: 'fields'; errors: GuestFormErrors }
  | { kind: 'slotGone'; problem: BookingProblem }
  | { kind: 'problem'; problem: BookingProblem };

/** What a booking needs besides the form's values. */
export interface BookingTarget {
  handle: string;
  slug: string;
  slot: SlotView;
  timeZone: string;
  /** The language of the guest's e-mails: the page's language. */
  language: BookingLanguage;
}

/** Books a slot and tells how it ended; `busy` while the request runs. */
export function useGuestBooking(): {
  busy: boolean;
  book: (target: BookingTarget, values: GuestValues) => Promise<BookingOutcome>;
} {
  const [busy, setBusy] = useState(false);
  const book = useCallback(async (target: BookingTarget, values: GuestValues) => {
    setBusy(true);
    try {
      const booked = await bookSlot(target.handle, target.slug, {
        ...values,
        start: target.slot.start,
        timeZone: target.timeZone,
        language: target.language,
      });
      return { kind: 'booked', booked, email: values.email } as const;
    } catch (error) {
      const fields = fieldErrorsFromApi(error);
      if (hasGuestErrors(fields)) return { kind: 'fields', errors: fields } as const;
      const problem = bookingProblem(error);
      return needsNewSlot(problem)
        ? ({ kind: 'slotGone', problem } as const)
        : ({ kind: 'problem', problem } as const);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, book };
}

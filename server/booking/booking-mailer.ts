// Booking events as e-mail: the notify hook that writes a booking's two e-mails (guest and seller,
// each with the invitation) to the outbox inside the booking's own transaction, so that they are
// kept exactly when the change is. Sending happens after the commit (see BookingDeps.afterCommit).
import type { Clock } from '../lib/clock.js';
import type { Mailer } from '../mail/mailer.js';
import { composeBookingMails } from './booking-mail.js';
import type { BookingNotify } from './notify.js';

/** The notify hook that e-mails guest and seller about every booking, move and cancel. */
export function mailBookingEvents(deps: {
  mailer: Pick<Mailer, 'send'>;
  clock: Clock;
}): BookingNotify {
  return async (trx, event) => {
    for (const message of composeBookingMails(event, deps.clock.now())) {
      await deps.mailer.send(message, trx);
    }
  };
}

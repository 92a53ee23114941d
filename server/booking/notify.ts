// The one hook through which bookings reach e-mail: every booking, move and cancellation becomes a
// BookingEvent carrying what an invitation needs (iCalendar UID and SEQUENCE, times in UTC, guest,
// seller, lounge link, manage links). The default does nothing; the mailer plugs in here.
import type { BookingAnswer } from '../../shared/api/booking.js';
import type { BookingLanguage } from '../../shared/booking.js';
import type { BookingId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';

/** The guest's links to move or cancel a booking (built from the token, which is never stored). */
export interface ManageLinks {
  /** The manage page: shows the booking, and whether it can still be changed. */
  url: string;
  rescheduleUrl: string;
  cancelUrl: string;
}

/** What happened to a booking. */
export type BookingEventKind = 'booked' | 'rescheduled' | 'cancelled';

/** A booking at the moment of a change, as an invitation (METHOD:REQUEST or CANCEL) needs it. */
export interface BookingEvent {
  kind: BookingEventKind;
  bookingId: BookingId;
  /** iCalendar UID, the same in every message about this booking. */
  uid: string;
  /** iCalendar SEQUENCE of this message: 0 when booked, one more for every move and the cancel. */
  sequence: number;
  /** The meeting in UTC epoch milliseconds (for a cancel: the time that was cancelled). */
  start: number;
  end: number;
  /** Where it was before, for `rescheduled`. */
  previous: { start: number; end: number } | null;
  meetingType: { name: string; durationMinutes: number };
  guest: {
    name: string;
    email: string;
    company: string | null;
    phone: string | null;
    message: string | null;
    /** Answers to the meeting type's questions, with the questions as the guest saw them. */
    answers: BookingAnswer[];
    timeZone: string;
    /** The language of the guest's e-mails. */
    language: BookingLanguage;
  };
  /** The organizer. */
  seller: { id: UserId; name: string; email: string; timeZone: string };
  /** The guest's personal lounge link for this meeting (LOCATION/URL of the invitation). */
  loungeUrl: string;
  /** The seller's own room, where they host the meeting. */
  sellerRoomUrl: string;
  /**
   * Reschedule and cancel links for the DESCRIPTION. Present when the guest's token is at hand
   * (booked, and changes the guest made through it); null when the seller cancels and for any
   * `cancelled` event, after which the links no longer work.
   */
  manage: ManageLinks | null;
  /** Who cancelled, for `cancelled`. */
  cancelledBy: 'guest' | 'seller' | null;
}

/**
 * Told about every booking change inside the transaction that makes it, so that an outbox row
 * written with `trx` commits together with the change or not at all. A throw rolls the change
 * back; anything slow (SMTP) belongs after the commit, driven from the outbox.
 */
export type BookingNotify = (trx: Db, event: BookingEvent) => Promise<void>;

/** The default hook: sends nothing. */
export const notifyNobody: BookingNotify = async () => undefined;

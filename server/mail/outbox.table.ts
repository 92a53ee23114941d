// Table type of the outbox: every e-mail Nahbar sends is written here first, then sent by SMTP
// (when configured) or kept for reading in the app.
import type { Insertable, Selectable } from 'kysely';
import type { CalendarMethod, MailTransportKind } from '../../shared/api/outbox.js';
import type { BookingId, OutboxMessageId, UserId } from '../../shared/ids.js';

/** One message. SMTP messages are due while `next_attempt_at` is set and `sent_at` is null. */
export interface OutboxTable {
  id: OutboxMessageId;
  /** The seller the message belongs to (who sees it in the outbox); null for system mail. */
  seller_id: UserId | null;
  /** The booking the message is about (invitation, reminder); erased with it. */
  booking_id: BookingId | null;
  to_name: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** The calendar invitation (an iCalendar text) and its iTIP method, sent as text/calendar. */
  ics: string | null;
  ics_method: CalendarMethod | null;
  created_at: number;
  /** When the SMTP server accepted the message; once set, it is never sent again. */
  sent_at: number | null;
  transport: MailTransportKind;
  /** When the next SMTP attempt may start (or, while one runs, when its claim lapses). */
  next_attempt_at: number | null;
  attempts: number;
  /** The last SMTP error, cleared once sent. */
  error: string | null;
}

/** An outbox row. */
export type OutboxRow = Selectable<OutboxTable>;
/** A new outbox row. */
export type NewOutboxRow = Insertable<OutboxTable>;

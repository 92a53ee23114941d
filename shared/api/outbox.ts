// Shapes of the outbox API's answers (every e-mail Nahbar sends or keeps), shared by the server's
// presenters and the client.
import type { OutboxMessageId, UserId } from '../ids.js';

/** The iTIP methods of the calendar invitations Nahbar sends: a new or changed event, or its end. */
export const CALENDAR_METHODS = ['REQUEST', 'CANCEL'] as const;
/** One of the calendar methods. */
export type CalendarMethod = (typeof CALENDAR_METHODS)[number];

/** How a message leaves: by SMTP, or not at all (kept in the outbox because no SMTP is set up). */
export type MailTransportKind = 'smtp' | 'outbox';

/**
 * Where a message stands: `kept` (no SMTP; read it here), `pending` (SMTP will try again),
 * `sent` (the SMTP server accepted it), `failed` (every attempt failed; `error` says why).
 */
export type OutboxStatus = 'kept' | 'pending' | 'sent' | 'failed';

/** A message in the outbox as a seller (their own) or the account owner (all) sees it. */
export interface OutboxMessageView {
  id: OutboxMessageId;
  /** The seller the message belongs to; null for system mail. */
  sellerId: UserId | null;
  to: { name: string | null; address: string };
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The message has an HTML body too (not sent here; the text says the same). */
  hasHtml: boolean;
  /** The calendar invitation it carries, if any; download it from GET /api/outbox/:id/ics. */
  calendar: { method: CalendarMethod } | null;
  transport: MailTransportKind;
  status: OutboxStatus;
  /** SMTP attempts made so far. */
  attempts: number;
  /** The last SMTP error, while the message is not sent. */
  error: string | null;
  createdAt: number;
  sentAt: number | null;
  /** When the next SMTP attempt is due (pending messages only). */
  nextAttemptAt: number | null;
}

/** One page of the outbox, newest first. */
export interface OutboxPageView {
  messages: OutboxMessageView[];
  /** More (older) messages follow at `offset + limit`. */
  hasMore: boolean;
}

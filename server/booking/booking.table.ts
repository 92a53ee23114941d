// Table types of the booking feature: each seller's booking settings, their meeting types, the
// bookings guests make, and the reminders due before them.
import type { Insertable, Selectable } from 'kysely';
import type { BookingLanguage } from '../../shared/booking.js';
import type {
  BookingId,
  ContactId,
  MeetingTypeId,
  TouchpointId,
  UserId,
} from '../../shared/ids.js';

/** A seller's booking settings; the page `/book/<handle>` uses their personal room's handle. */
export interface BookingSettingsTable {
  seller_id: UserId;
  /** IANA zone the hours are written in. */
  time_zone: string;
  /** JSON of WeeklyHours (shared/booking.ts). */
  weekly_hours: string;
  /** JSON array of DateOverride. */
  overrides: string;
  /** Guests may not move or cancel within this many hours of the start; null: no such rule. */
  change_cutoff_hours: number | null;
  updated_at: number;
}

/** One meeting type a seller offers ("Kennenlernen, 20 min"). */
export interface MeetingTypesTable {
  id: MeetingTypeId;
  seller_id: UserId;
  name: string;
  /** The last part of `/book/<handle>/<slug>`; unique per seller among types not deleted. */
  slug: string;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  minimum_notice_minutes: number;
  horizon_days: number;
  slot_step_minutes: number;
  daily_limit: number | null;
  /** JSON array of BookingQuestion. */
  questions: string;
  /** 1 when guests can book it, else 0. */
  active: number;
  position: number;
  created_at: number;
  updated_at: number;
  /** Set when the seller deletes it; the row stays for the bookings that name it. */
  deleted_at: number | null;
}

/** Status of a booking: it holds its time until it is cancelled. */
export type BookingStatus = 'confirmed' | 'cancelled';

/** Who cancelled a booking. */
export type CancelledBy = 'guest' | 'seller';

/** One booking of a meeting type by a guest. */
export interface BookingsTable {
  id: BookingId;
  seller_id: UserId;
  meeting_type_id: MeetingTypeId;
  starts_at: number;
  ends_at: number;
  /** The type's buffers when it was booked. */
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  /** starts_at − buffer before; the database's overlap guard compares [blocked_from, blocked_to). */
  blocked_from: number;
  /** ends_at + buffer after. */
  blocked_to: number;
  status: BookingStatus;
  guest_name: string;
  guest_email: string;
  guest_company: string | null;
  /** E.164. */
  guest_phone: string | null;
  guest_message: string | null;
  /** JSON array of BookingAnswer. */
  answers: string;
  guest_time_zone: string;
  /** The language of the guest's e-mails. */
  guest_language: BookingLanguage;
  /** The seller's contact the booking was matched to or created as. */
  contact_id: ContactId | null;
  /** The planned `meeting` touchpoint; removed when the booking is cancelled. */
  touchpoint_id: TouchpointId | null;
  /** The personal lounge link made for this meeting; revoked when the booking is cancelled. */
  contact_link_id: string | null;
  ical_uid: string;
  sequence: number;
  /** SHA-256 (hex) of the guest's manage token; the token itself is never stored. */
  manage_token_hash: string;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
  cancelled_by: CancelledBy | null;
}

/** How long before its meeting a reminder goes out. */
export type ReminderKind = '24h' | '15m';

/** What became of a claimed reminder. */
export type ReminderOutcome = 'sent' | 'skipped' | 'failed';

/** A reminder job of a booking: one per kind, moved with the booking, gone with its cancel. */
export interface BookingRemindersTable {
  booking_id: BookingId;
  kind: ReminderKind;
  /** The meeting's start less the kind's lead. */
  due_at: number;
  /** Set once, when a reminder service claims the job; a claimed job is never claimed again. */
  sent_at: number | null;
  /** Set with the claim: `sent` (its e-mails are in the outbox), `skipped` or `failed`. */
  outcome: ReminderOutcome | null;
  /** Why it failed. */
  error: string | null;
  created_at: number;
}

/** A booking settings row as read. */
export type BookingSettingsRow = Selectable<BookingSettingsTable>;
/** A meeting type row as read. */
export type MeetingTypeRow = Selectable<MeetingTypesTable>;
/** A meeting type row to insert. */
export type NewMeetingType = Insertable<MeetingTypesTable>;
/** A booking row as read. */
export type BookingRow = Selectable<BookingsTable>;
/** A booking row to insert. */
export type NewBooking = Insertable<BookingsTable>;
/** A reminder job as read. */
export type BookingReminderRow = Selectable<BookingRemindersTable>;

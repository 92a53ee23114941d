// Guests booking a seller: the booking page behind a handle, the free slots of a meeting type, and
// the booking itself. The slot engine decides what is bookable; the database's overlap guard
// decides who gets a slot that several guests ask for at once.
import type { GuestBookingInput } from '../../shared/booking.js';
import type { BookingAnswer } from '../../shared/api/booking.js';
import type { BookingId, UserId } from '../../shared/ids.js';
import { normalizePhone } from '../contacts/contact.rows.js';
import type { Db } from '../db/database.js';
import { isOverlapViolation } from '../db/errors.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, newId, newToken } from '../lib/random.js';
import { roomUrl } from '../rooms/room.presenters.js';
import {
  BOOKING_OVERLAP,
  insertBooking,
  listBlockingBookings,
  lockSellerBookings,
} from './booking.repository.js';
import type { BookingRecord } from './booking.repository.js';
import {
  loungeUrl,
  manageLinks,
  readAvailability,
  readQuestions,
  readTiming,
} from './booking.presenters.js';
import { scheduleReminders } from './reminder.repository.js';
import type { BookingRow, BookingSettingsRow, MeetingTypeRow } from './booking.table.js';
import { addPlannedMeeting, matchOrCreateContact } from './guest-contact.js';
import {
  findActiveMeetingTypeBySlug,
  findBookingPage,
  listMeetingTypes,
} from './meeting-type.repository.js';
import type { BookingPage } from './meeting-type.repository.js';
import type { BookingEvent, BookingNotify } from './notify.js';
import type { Slot } from './slots.js';
import { computeSlots, findBookableSlot } from './slots.js';

const MINUTE_MS = 60_000;
// Bookings this far around a window can still matter to it: their buffers reach into it, or
// they fall on one of its seller-local days and count toward a daily limit.
const MARGIN_MS = 2 * 86_400_000;

/** What the booking flows need besides their props. */
export interface BookingDeps {
  db: Db;
  clock: Clock;
  /** Origin for the links in answers and events. */
  publicUrl: string;
  /** Told of every booking, move and cancel, inside its transaction. */
  notify: BookingNotify;
  /**
   * Called once a change has committed: the e-mails the hook wrote with it can go out now (the
   * app kicks the mailer here; inside the transaction they would not be visible yet).
   */
  afterCommit: () => void;
}

const pageNotFound = () => new NotFound('No booking page here', 'booking_page_not_found');
const typeNotFound = () => new NotFound('No such meeting type', 'meeting_type_not_found');

/**
 * A booking's times in a slot: the meeting, the type's buffers as they were, and the span the
 * database's overlap guard blocks (the meeting widened by the buffers).
 */
export function bookedTimes(
  slot: Slot,
  type: Pick<MeetingTypeRow, 'buffer_before_minutes' | 'buffer_after_minutes'>,
): Pick<
  BookingRow,
  | 'starts_at'
  | 'ends_at'
  | 'buffer_before_minutes'
  | 'buffer_after_minutes'
  | 'blocked_from'
  | 'blocked_to'
> {
  return {
    starts_at: slot.start,
    ends_at: slot.end,
    buffer_before_minutes: type.buffer_before_minutes,
    buffer_after_minutes: type.buffer_after_minutes,
    blocked_from: slot.start - type.buffer_before_minutes * MINUTE_MS,
    blocked_to: slot.end + type.buffer_after_minutes * MINUTE_MS,
  };
}

/** The error when the database's overlap guard (or the check before it) finds the time taken. */
export const slotTaken = () =>
  new Conflict('Someone else has just booked this time; please pick another', 'slot_taken');

/** Finds the live booking page of a handle with its active meeting types. */
export async function getBookingPage(
  db: Db,
  handle: string,
): Promise<{ page: BookingPage; types: MeetingTypeRow[] }> {
  const page = await findBookingPage(db, handle.toLowerCase());
  if (!page) throw pageNotFound();
  return { page, types: await listMeetingTypes(db, page.sellerId, { activeOnly: true }) };
}

// The page and one of its active meeting types; NotFound for either.
async function findPageAndType(
  db: Db,
  handle: string,
  slug: string,
): Promise<{ page: BookingPage; type: MeetingTypeRow }> {
  const page = await findBookingPage(db, handle.toLowerCase());
  if (!page) throw pageNotFound();
  const type = await findActiveMeetingTypeBySlug(db, page.sellerId, slug.toLowerCase());
  if (!type) throw typeNotFound();
  return { page, type };
}

/** Lists the free slots of a meeting type on a booking page that start in [from, to). */
export async function listSlots(
  db: Db,
  clock: Clock,
  props: { handle: string; slug: string; from: number; to: number },
): Promise<{ timeZone: string; slots: Slot[] }> {
  const { page, type } = await findPageAndType(db, props.handle, props.slug);
  const bookings = await listBlockingBookings(db, page.sellerId, {
    from: props.from - MARGIN_MS,
    to: props.to + MARGIN_MS,
  });
  const slots = computeSlots({
    availability: readAvailability(page.settings),
    meetingType: readTiming(type),
    bookings,
    now: clock.now(),
    from: props.from,
    to: props.to,
  });
  return { timeZone: page.settings.time_zone, slots };
}

/**
 * Checks that `start` is a slot of this meeting type now: Conflict `slot_unavailable` when the
 * seller's hours and the type's rules do not offer it at all, `slot_taken` when other bookings
 * (leaving out `except`, the one being moved) do. Returns the slot.
 */
export async function checkSlot(
  db: Db,
  props: {
    sellerId: UserId;
    settings: BookingSettingsRow;
    type: MeetingTypeRow;
    start: number;
    now: number;
    except?: BookingId;
  },
): Promise<Slot> {
  const rules = {
    availability: readAvailability(props.settings),
    meetingType: readTiming(props.type),
    now: props.now,
  };
  if (!findBookableSlot({ ...rules, bookings: [] }, props.start)) {
    throw new Conflict('This time cannot be booked', 'slot_unavailable');
  }
  const bookings = await listBlockingBookings(db, props.sellerId, {
    from: props.start - MARGIN_MS,
    to: props.start + MARGIN_MS,
    ...(props.except ? { except: props.except } : {}),
  });
  const slot = findBookableSlot({ ...rules, bookings }, props.start);
  if (!slot) throw slotTaken();
  return slot;
}

/** The stored answers of a booking: one per question, required ones checked. */
function collectAnswers(type: MeetingTypeRow, given: Record<string, string>): BookingAnswer[] {
  const answers: BookingAnswer[] = [];
  for (const question of readQuestions(type)) {
    const answer = given[question.id]?.trim() ?? '';
    if (question.required && answer === '') {
      throw new Invalid(`Please answer: ${question.label}`, 'answer_required', {
        field: 'answers',
        questionId: question.id,
      });
    }
    if (answer !== '') answers.push({ questionId: question.id, label: question.label, answer });
  }
  return answers;
}

/** Builds the event the notify hook gets for a booking as it is now. */
export function bookingEvent(
  kind: BookingEvent['kind'],
  record: BookingRecord,
  extra: {
    publicUrl: string;
    /** The guest's manage token, when at hand. */
    token: string | null;
    /** The lounge link token, also for a cancel (whose link is revoked by then). */
    linkToken: string | null;
    previous?: { start: number; end: number };
  },
): BookingEvent {
  const { row } = record;
  return {
    kind,
    bookingId: row.id,
    uid: row.ical_uid,
    sequence: row.sequence,
    start: row.starts_at,
    end: row.ends_at,
    previous: extra.previous ?? null,
    meetingType: {
      name: record.meetingType.name,
      durationMinutes: Math.round((row.ends_at - row.starts_at) / MINUTE_MS),
    },
    guest: {
      name: row.guest_name,
      email: row.guest_email,
      company: row.guest_company,
      phone: row.guest_phone,
      message: row.guest_message,
      answers: JSON.parse(row.answers) as BookingAnswer[],
      timeZone: row.guest_time_zone,
      language: row.guest_language,
    },
    seller: { id: row.seller_id, ...record.seller },
    sellerRoomUrl: roomUrl(extra.publicUrl, record.handle),
    loungeUrl:
      extra.linkToken === null
        ? roomUrl(extra.publicUrl, record.handle)
        : loungeUrl(extra.publicUrl, record.handle, extra.linkToken),
    manage:
      extra.token === null || kind === 'cancelled'
        ? null
        : manageLinks(extra.publicUrl, extra.token),
    cancelledBy: row.cancelled_by,
  };
}

/** Props of bookSlot. */
export interface BookSlotProps {
  handle: string;
  slug: string;
  input: GuestBookingInput;
}

/**
 * Books a slot for a guest: checks the slot, then in one transaction matches or creates the
 * seller's contact, adds a planned meeting touchpoint and a personal lounge link, inserts the
 * booking (where the database's overlap guard has the last word: Conflict `slot_taken`) and tells
 * the notify hook. Returns the booking and the guest's manage token, which is stored only hashed.
 */
export async function bookSlot(
  deps: BookingDeps,
  props: BookSlotProps,
): Promise<{ record: BookingRecord; token: string }> {
  const { db, clock, publicUrl } = deps;
  const { input } = props;
  const { page, type } = await findPageAndType(db, props.handle, props.slug);
  const answers = collectAnswers(type, input.answers);
  const phone = input.phone === null ? null : normalizePhone(input.phone);
  if (input.phone !== null && phone === null) {
    throw new Invalid(`Not a phone number: ${input.phone}`, 'invalid_phone', { field: 'phone' });
  }
  const now = clock.now();
  const slotRules = {
    sellerId: page.sellerId,
    settings: page.settings,
    type,
    start: input.start,
    now,
  };
  // A quick refusal of a time that is plainly gone, before any work.
  await checkSlot(db, slotRules);

  const id = newId<BookingId>();
  const token = newToken();
  const guest = { ...input, phone };
  let booked: { record: BookingRecord; token: string };
  try {
    booked = await db.transaction().execute(async (trx) => {
      // The check that counts: with the seller's bookings locked, so that the daily limit holds
      // too (the database's overlap guard covers only overlaps).
      await lockSellerBookings(trx, page.sellerId);
      const slot = await checkSlot(trx, slotRules);
      const contact = await matchOrCreateContact(trx, clock, page.sellerId, guest);
      const planned = await addPlannedMeeting(trx, clock, {
        sellerId: page.sellerId,
        contact,
        roomId: page.roomId,
        start: slot.start,
        durationMs: slot.end - slot.start,
        summary: type.name,
      });
      const row: BookingRow = {
        id,
        seller_id: page.sellerId,
        meeting_type_id: type.id,
        ...bookedTimes(slot, type),
        status: 'confirmed',
        guest_name: input.name,
        guest_email: input.email,
        guest_company: input.company,
        guest_phone: phone,
        guest_message: input.message,
        answers: JSON.stringify(answers),
        guest_time_zone: input.timeZone,
        guest_language: input.language,
        contact_id: contact.id,
        touchpoint_id: planned.touchpointId,
        contact_link_id: planned.linkId,
        ical_uid: `${id}@${new URL(publicUrl).hostname}`,
        sequence: 0,
        manage_token_hash: hashToken(token),
        created_at: now,
        updated_at: now,
        cancelled_at: null,
        cancelled_by: null,
      };
      // Late, so that the guard's wait (PostgreSQL) is as short as can be; the reminders need it.
      await insertBooking(trx, row);
      await scheduleReminders(trx, { bookingId: id, start: slot.start, now });
      const record: BookingRecord = {
        row,
        meetingType: { name: type.name, slug: type.slug, durationMinutes: type.duration_minutes },
        seller: {
          name: page.sellerName,
          email: page.sellerEmail,
          timeZone: page.settings.time_zone,
        },
        changeCutoffHours: page.settings.change_cutoff_hours,
        handle: page.handle,
        linkToken: planned.linkToken,
      };
      await deps.notify(
        trx,
        bookingEvent('booked', record, { publicUrl, token, linkToken: planned.linkToken }),
      );
      return { record, token };
    });
  } catch (err) {
    if (isOverlapViolation(err, BOOKING_OVERLAP)) throw slotTaken();
    throw err;
  }
  deps.afterCommit();
  return booked;
}

// What the booking feature sends to clients, and the links it builds. Guests see a booking's time,
// type and seller, never another guest's details; token hashes never leave the server.
import type {
  BookingAnswer,
  BookingPageView,
  BookingSettingsView,
  BookingView,
  ManagedBookingView,
  MeetingTypeView,
  PublicMeetingTypeView,
} from '../../shared/api/booking.js';
import type {
  Availability,
  BookingQuestion,
  DateOverride,
  MeetingTypeTiming,
  WeeklyHours,
} from '../../shared/booking.js';
import { roomUrl } from '../rooms/room.presenters.js';
import type { BookingRecord } from './booking.repository.js';
import type { BookingSettingsRow, MeetingTypeRow } from './booking.table.js';
import type { BookingPage } from './meeting-type.repository.js';
import type { ManageLinks } from './notify.js';
import type { BookingSettingsRecord } from './settings.service.js';
import { DEFAULT_BOOKING_SETTINGS } from './settings.service.js';

const HOUR_MS = 3_600_000;

/** The public booking page of a handle. */
export function bookingPageUrl(publicUrl: string, handle: string): string {
  return `${publicUrl}/book/${handle}`;
}

/** The guest's manage page and its reschedule and cancel pages, for a manage token. */
export function manageLinks(publicUrl: string, token: string): ManageLinks {
  const url = `${publicUrl}/bookings/${encodeURIComponent(token)}`;
  return { url, rescheduleUrl: `${url}/reschedule`, cancelUrl: `${url}/cancel` };
}

/** The personal lounge link of a booking: the seller's room, greeting the guest by name. */
export function loungeUrl(publicUrl: string, handle: string, linkToken: string): string {
  return `${roomUrl(publicUrl, handle)}?c=${encodeURIComponent(linkToken)}`;
}

/** Reads a meeting type's stored questions. */
export function readQuestions(row: Pick<MeetingTypeRow, 'questions'>): BookingQuestion[] {
  return JSON.parse(row.questions) as BookingQuestion[];
}

/** Presents a seller's booking settings; an unsaved setup shows the defaults. */
export function presentBookingSettings(
  record: BookingSettingsRecord,
  publicUrl: string,
): BookingSettingsView {
  const { row } = record;
  const base = {
    handle: record.handle,
    pageUrl: bookingPageUrl(publicUrl, record.handle),
    saved: row !== null,
  };
  if (!row) return { ...base, ...DEFAULT_BOOKING_SETTINGS };
  return {
    ...base,
    ...readAvailability(row),
    changeCutoffHours: row.change_cutoff_hours,
  };
}

/** Reads a seller's stored availability. */
export function readAvailability(settings: BookingSettingsRow): Availability {
  return {
    timeZone: settings.time_zone,
    weeklyHours: JSON.parse(settings.weekly_hours) as WeeklyHours,
    overrides: JSON.parse(settings.overrides) as DateOverride[],
  };
}

/** The timing rules of a meeting type, with its id, as the slot engine takes them. */
export function readTiming(row: MeetingTypeRow): MeetingTypeTiming & { id: MeetingTypeRow['id'] } {
  return {
    id: row.id,
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minimumNoticeMinutes: row.minimum_notice_minutes,
    horizonDays: row.horizon_days,
    slotStepMinutes: row.slot_step_minutes,
    dailyLimit: row.daily_limit,
  };
}

/** Presents a meeting type to its seller. */
export function presentMeetingType(
  row: MeetingTypeRow,
  handle: string,
  publicUrl: string,
): MeetingTypeView {
  return {
    ...readTiming(row),
    name: row.name,
    slug: row.slug,
    url: `${bookingPageUrl(publicUrl, handle)}/${row.slug}`,
    questions: readQuestions(row),
    active: row.active === 1,
    position: row.position,
  };
}

/** Presents a meeting type to guests: what to book, not how the seller keeps their time. */
export function presentPublicMeetingType(row: MeetingTypeRow): PublicMeetingTypeView {
  return {
    slug: row.slug,
    name: row.name,
    durationMinutes: row.duration_minutes,
    horizonDays: row.horizon_days,
    questions: readQuestions(row),
  };
}

/** Presents a booking page with its active meeting types. */
export function presentBookingPage(page: BookingPage, types: MeetingTypeRow[]): BookingPageView {
  return {
    handle: page.handle,
    sellerName: page.sellerName,
    timeZone: page.settings.time_zone,
    meetingTypes: types.map(presentPublicMeetingType),
  };
}

/** Presents a booking to its seller or the account owner. */
export function presentBooking(record: BookingRecord, publicUrl: string): BookingView {
  const { row } = record;
  return {
    id: row.id,
    seller: { id: row.seller_id, name: record.seller.name },
    meetingType: {
      id: row.meeting_type_id,
      name: record.meetingType.name,
      slug: record.meetingType.slug,
    },
    start: row.starts_at,
    end: row.ends_at,
    status: row.status,
    guest: {
      name: row.guest_name,
      email: row.guest_email,
      company: row.guest_company,
      phone: row.guest_phone,
      timeZone: row.guest_time_zone,
    },
    message: row.guest_message,
    answers: JSON.parse(row.answers) as BookingAnswer[],
    contactId: row.contact_id,
    loungeUrl: currentLoungeUrl(record, publicUrl),
    sequence: row.sequence,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
  };
}

/** Until when a guest may move or cancel a booking: its start, less the seller's cut-off. */
export function changeableUntil(record: BookingRecord): number {
  return record.row.starts_at - (record.changeCutoffHours ?? 0) * HOUR_MS;
}

/** Presents the booking behind a guest's manage link, as of `now`. */
export function presentManagedBooking(
  record: BookingRecord,
  publicUrl: string,
  now: number,
): ManagedBookingView {
  const { row } = record;
  const confirmed = row.status === 'confirmed';
  const until = confirmed ? changeableUntil(record) : null;
  return {
    status: row.status,
    start: row.starts_at,
    end: row.ends_at,
    meetingType: {
      name: record.meetingType.name,
      slug: record.meetingType.slug,
      durationMinutes: Math.round((row.ends_at - row.starts_at) / 60_000),
    },
    seller: { name: record.seller.name, handle: record.handle, timeZone: record.seller.timeZone },
    guest: { name: row.guest_name, timeZone: row.guest_time_zone },
    loungeUrl: currentLoungeUrl(record, publicUrl),
    changeable: until !== null && now < until,
    changeableUntil: until,
    cancelledAt: row.cancelled_at,
  };
}

// The lounge link while the booking holds; a cancelled booking's link is revoked.
function currentLoungeUrl(record: BookingRecord, publicUrl: string): string | null {
  if (record.row.status !== 'confirmed' || record.linkToken === null) return null;
  return loungeUrl(publicUrl, record.handle, record.linkToken);
}

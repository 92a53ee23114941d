// Typed calls of the booking API. The guest side (booking page, free slots, booking, the manage
// link) needs no account; the seller side (settings, meeting types, bookings) needs a session.
import type {
  BookedView,
  BookingPageView,
  BookingSettingsView,
  BookingView,
  ManagedBookingView,
  MeetingTypeView,
  SlotsView,
} from '../../shared/api/booking';
import type {
  BookingSettingsInput,
  GuestBookingInput,
  MeetingTypeInput,
} from '../../shared/booking';
import type { BookingId, MeetingTypeId } from '../../shared/ids';
import { api } from './http';

export type {
  BookedView,
  BookingAnswer,
  BookingPageView,
  BookingSettingsView,
  BookingView,
  ManagedBookingView,
  MeetingTypeView,
  PublicMeetingTypeView,
  SlotView,
  SlotsView,
} from '../../shared/api/booking';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const pagePath = (handle: string) => `/api/book/${encodeURIComponent(handle)}`;
const typePath = (handle: string, slug: string) =>
  `${pagePath(handle)}/${encodeURIComponent(slug)}`;
const managePath = (token: string) => `/api/bookings/manage/${encodeURIComponent(token)}`;
const meetingTypePath = (id: MeetingTypeId) =>
  `/api/booking/meeting-types/${encodeURIComponent(id)}`;

// ── Guest side ──

/** A seller's public booking page; ApiError 404 `booking_page_not_found` for an unknown handle. */
export async function fetchBookingPage(
  handle: string,
  signal?: AbortSignal,
): Promise<BookingPageView> {
  const body = await api<{ page: BookingPageView }>(pagePath(handle), withSignal(signal));
  return body.page;
}

/** The free slots of a meeting type that start in [from, to) (epoch ms, at most 62 days). */
export async function fetchSlots(
  handle: string,
  slug: string,
  window: { from: number; to: number },
  signal?: AbortSignal,
): Promise<SlotsView> {
  const query = new URLSearchParams({ from: String(window.from), to: String(window.to) });
  return api<SlotsView>(`${typePath(handle, slug)}/slots?${query.toString()}`, withSignal(signal));
}

/** What a guest sends to book: the form's fields, the chosen start, zone and e-mail language. */
export type GuestBookingRequest = GuestBookingInput;

/** Books a slot; ApiError 409 `slot_taken` when someone else was faster. */
export async function bookSlot(
  handle: string,
  slug: string,
  request: GuestBookingRequest,
): Promise<BookedView> {
  return api<BookedView>(typePath(handle, slug), { method: 'POST', body: request });
}

/** The booking behind a manage link; ApiError 404 `booking_not_found` for a wrong token. */
export async function fetchManagedBooking(
  token: string,
  signal?: AbortSignal,
): Promise<ManagedBookingView> {
  const body = await api<{ booking: ManagedBookingView }>(managePath(token), withSignal(signal));
  return body.booking;
}

/** Cancels the booking behind a manage link. */
export async function cancelManagedBooking(token: string): Promise<ManagedBookingView> {
  const body = await api<{ booking: ManagedBookingView }>(`${managePath(token)}/cancel`, {
    method: 'POST',
  });
  return body.booking;
}

/** Moves the booking behind a manage link to a new start (epoch ms). */
export async function rescheduleManagedBooking(
  token: string,
  start: number,
): Promise<ManagedBookingView> {
  const body = await api<{ booking: ManagedBookingView }>(`${managePath(token)}/reschedule`, {
    method: 'POST',
    body: { start },
  });
  return body.booking;
}

// ── Seller side ──

/** The signed-in seller's booking settings (the defaults until first saved). */
export async function fetchBookingSettings(signal?: AbortSignal): Promise<BookingSettingsView> {
  const body = await api<{ settings: BookingSettingsView }>(
    '/api/booking/settings',
    withSignal(signal),
  );
  return body.settings;
}

/** Saves the seller's booking settings; the first save opens their booking page. */
export async function saveBookingSettings(
  input: BookingSettingsInput,
): Promise<BookingSettingsView> {
  const body = await api<{ settings: BookingSettingsView }>('/api/booking/settings', {
    method: 'PUT',
    body: input,
  });
  return body.settings;
}

/** The seller's meeting types, active or not, in page order. */
export async function fetchMeetingTypes(signal?: AbortSignal): Promise<MeetingTypeView[]> {
  const body = await api<{ meetingTypes: MeetingTypeView[] }>(
    '/api/booking/meeting-types',
    withSignal(signal),
  );
  return body.meetingTypes;
}

/** Creates a meeting type; ApiError 409 `slug_taken` when its link is in use. */
export async function createMeetingType(input: MeetingTypeInput): Promise<MeetingTypeView> {
  const body = await api<{ meetingType: MeetingTypeView }>('/api/booking/meeting-types', {
    method: 'POST',
    body: input,
  });
  return body.meetingType;
}

/** Replaces a meeting type; ApiError 409 `slug_taken` when its new link is in use. */
export async function updateMeetingType(
  id: MeetingTypeId,
  input: MeetingTypeInput,
): Promise<MeetingTypeView> {
  const body = await api<{ meetingType: MeetingTypeView }>(meetingTypePath(id), {
    method: 'PUT',
    body: input,
  });
  return body.meetingType;
}

/** Deletes a meeting type (its bookings stay). */
export async function deleteMeetingType(id: MeetingTypeId): Promise<void> {
  await api<void>(meetingTypePath(id), { method: 'DELETE' });
}

/** Options of `fetchBookings`. */
export interface BookingListQuery {
  /** Bookings that end after this instant (default: now). */
  from?: number;
  limit?: number;
  /** Also list cancelled bookings. */
  cancelled?: boolean;
}

/** The viewer's bookings (the owner's: everyone's) that end after `from`, soonest first. */
export async function fetchBookings(
  query: BookingListQuery = {},
  signal?: AbortSignal,
): Promise<BookingView[]> {
  const params = new URLSearchParams();
  if (query.from !== undefined) params.set('from', String(Math.round(query.from)));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cancelled) params.set('cancelled', 'true');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  const body = await api<{ bookings: BookingView[] }>(`/api/bookings${search}`, withSignal(signal));
  return body.bookings;
}

/** Cancels a booking as its seller (or the account owner); the guest gets a cancellation. */
export async function cancelBooking(id: BookingId): Promise<BookingView> {
  const body = await api<{ booking: BookingView }>(
    `/api/bookings/${encodeURIComponent(id)}/cancel`,
    { method: 'POST' },
  );
  return body.booking;
}

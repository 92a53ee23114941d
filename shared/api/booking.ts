// Shapes of the booking API's answers, shared by the server's presenters and the client.
import type { BookingQuestion, DateOverride, WeeklyHours } from '../booking.js';
import type { BookingId, ContactId, MeetingTypeId, UserId } from '../ids.js';

/** A seller's booking settings as they edit them. */
export interface BookingSettingsView {
  /** The handle of the seller's personal room, which their booking page shares. */
  handle: string;
  /** The public booking page, `/book/<handle>`. */
  pageUrl: string;
  /** False until the seller first saves settings; until then the page does not exist. */
  saved: boolean;
  timeZone: string;
  weeklyHours: WeeklyHours;
  overrides: DateOverride[];
  changeCutoffHours: number | null;
}

/** A meeting type as its seller edits it. */
export interface MeetingTypeView {
  id: MeetingTypeId;
  name: string;
  slug: string;
  /** The page that books this type directly. */
  url: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  slotStepMinutes: number;
  dailyLimit: number | null;
  questions: BookingQuestion[];
  active: boolean;
  position: number;
}

/** A meeting type as guests see it on the booking page. */
export interface PublicMeetingTypeView {
  slug: string;
  name: string;
  durationMinutes: number;
  /** How many days ahead it can be booked, today (in the seller's zone) being the first. */
  horizonDays: number;
  questions: BookingQuestion[];
}

/** A seller's public booking page. */
export interface BookingPageView {
  handle: string;
  sellerName: string;
  /** The seller's zone, shown beside the guest's own. */
  timeZone: string;
  meetingTypes: PublicMeetingTypeView[];
}

/** A bookable slot in UTC epoch milliseconds (the meeting, without buffers). */
export interface SlotView {
  start: number;
  end: number;
}

/** The slots of one meeting type in the window asked for, ascending. */
export interface SlotsView {
  timeZone: string;
  slots: SlotView[];
}

/** Status of a booking. */
export type BookingStatusView = 'confirmed' | 'cancelled';

/** An answer to one of the meeting type's questions, with the question as the guest saw it. */
export interface BookingAnswer {
  questionId: string;
  label: string;
  answer: string;
}

/** A booking as its seller (and the account owner) sees it. */
export interface BookingView {
  id: BookingId;
  seller: { id: UserId; name: string };
  meetingType: { id: MeetingTypeId; name: string; slug: string };
  start: number;
  end: number;
  status: BookingStatusView;
  guest: {
    name: string;
    email: string;
    company: string | null;
    phone: string | null;
    timeZone: string;
  };
  message: string | null;
  answers: BookingAnswer[];
  contactId: ContactId | null;
  /** The guest's personal lounge link for this meeting; null once cancelled. */
  loungeUrl: string | null;
  /** iCalendar SEQUENCE of the latest invitation. */
  sequence: number;
  createdAt: number;
  cancelledAt: number | null;
  cancelledBy: 'guest' | 'seller' | null;
}

/** The booking behind a guest's manage link. */
export interface ManagedBookingView {
  status: BookingStatusView;
  start: number;
  end: number;
  meetingType: { name: string; slug: string; durationMinutes: number };
  seller: { name: string; handle: string; timeZone: string };
  guest: { name: string; timeZone: string };
  /** The personal lounge link; null once cancelled. */
  loungeUrl: string | null;
  /** Whether the guest may still move or cancel it now (confirmed, not started, not too close). */
  changeable: boolean;
  /** When it stops being changeable (the start, or the start minus the cut-off); null once cancelled. */
  changeableUntil: number | null;
  cancelledAt: number | null;
}

/** Answer to a new booking: the booking and the guest's manage link (shown once). */
export interface BookedView {
  booking: ManagedBookingView;
  /** The page where the guest can move or cancel it; its token is not stored anywhere. */
  manageUrl: string;
}

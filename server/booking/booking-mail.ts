// The e-mails of a booking (pure): for every booking event one to the guest, in their language,
// and one to the seller with the guest's details, each with the booking's calendar invitation
// (REQUEST when booked or moved, CANCEL when cancelled; the same UID and SEQUENCE in both); and
// the reminders before the meeting. Times in the text are the recipient's own, zone named.
import type { BookingLanguage } from '../../shared/booking.js';
import type { BookingId, UserId } from '../../shared/ids.js';
import { MAX_SUBJECT } from '../mail/mail.schemas.js';
import type { MailMessage } from '../mail/mail.schemas.js';
import type { ReminderKind } from './booking.table.js';
import { de } from './i18n/de.js';
import type { BookingMailTexts, MailMeeting } from './i18n/de.js';
import { en } from './i18n/en.js';
import { buildInvitation } from './invite.js';
import type { BookingEvent } from './notify.js';

/**
 * The language of every seller's e-mails. Accounts have no language of their own yet; when they
 * get one, it replaces this default.
 */
export const SELLER_LANGUAGE: BookingLanguage = 'de';

const TEXTS: Readonly<Record<BookingLanguage, BookingMailTexts>> = { de, en };

/** The booking e-mail texts of a language. */
export function mailTexts(language: BookingLanguage): BookingMailTexts {
  return TEXTS[language];
}

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

// Formatters are costly to make and the same few zones recur, so they are kept.
function formatsFor({ locale, hour }: BookingMailTexts, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    found = {
      date: new Intl.DateTimeFormat(locale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone,
      }),
      time: new Intl.DateTimeFormat(locale, { hour, minute: '2-digit', timeZone }),
    };
    formats.set(key, found);
  }
  return found;
}

// Newer ICU puts a narrow no-break space before "AM"/"PM"; plain-text mail shows a plain one.
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** The time alone in a zone: "15:00", "9:00 AM". */
export function formatTimeOfDay(instant: number, timeZone: string, language: BookingLanguage) {
  return plainSpaces(formatsFor(TEXTS[language], timeZone).time.format(instant));
}

/**
 * An instant as a recipient reads it in their zone: "Dienstag, 1. Dezember 2026, 15:00", and with
 * `withZone` the zone named after it: "… 15:00 (Europe/Berlin)".
 */
export function formatMeetingTime(
  instant: number,
  timeZone: string,
  language: BookingLanguage,
  withZone = true,
): string {
  const { date } = formatsFor(TEXTS[language], timeZone);
  const text = `${plainSpaces(date.format(instant))}, ${formatTimeOfDay(instant, timeZone, language)}`;
  return withZone ? `${text} (${timeZone})` : text;
}

// One recipient's view of a meeting, in their words, zone and language.
interface View {
  texts: BookingMailTexts;
  language: BookingLanguage;
  timeZone: string;
  meeting: MailMeeting;
}

function viewFor(
  language: BookingLanguage,
  timeZone: string,
  meetingType: string,
  other: string,
  start: number,
): View {
  const texts = TEXTS[language];
  return {
    texts,
    language,
    timeZone,
    meeting: {
      title: texts.title(meetingType, other),
      at: formatMeetingTime(start, timeZone, language, false),
      time: formatTimeOfDay(start, timeZone, language),
    },
  };
}

// A long meeting type and a long name could together pass the mailer's subject limit.
const subjectLine = (s: string) =>
  s.length <= MAX_SUBJECT ? s : `${s.slice(0, MAX_SUBJECT - 1)}…`;

// Lines with a label; absent values leave their line out.
function labelled(pairs: [string, string | null | undefined][]): string[] {
  return pairs.flatMap(([label, value]) =>
    value === null || value === undefined || value === '' ? [] : [`${label}: ${value}`],
  );
}

// Paragraphs separated by a blank line; empty ones are left out.
function paragraphs(...blocks: (string | string[] | null)[]): string {
  return `${blocks
    .map((b) => (Array.isArray(b) ? b.join('\n') : b))
    .filter((b): b is string => b !== null && b !== '')
    .join('\n\n')}\n`;
}

// "Kennenlernen mit Sam Seller (30 Minuten)" and the When (and Before) lines.
function meetingLines(view: View, event: BookingEvent): string[] {
  const { texts, timeZone, language } = view;
  return [
    `${view.meeting.title} (${texts.duration(event.meetingType.durationMinutes)})`,
    ...labelled([
      [texts.labels.when, formatMeetingTime(event.start, timeZone, language)],
      [
        texts.labels.before,
        event.kind === 'rescheduled' && event.previous
          ? formatMeetingTime(event.previous.start, timeZone, language)
          : null,
      ],
    ]),
  ];
}

// The guest's details, as the seller's e-mail and calendar entry show them.
function guestDetails(texts: BookingMailTexts, event: BookingEvent): string[] {
  const { guest } = event;
  return [
    `${texts.labels.guest}:`,
    ...labelled([
      [texts.labels.name, guest.name],
      [texts.labels.company, guest.company],
      [texts.labels.email, guest.email],
      [texts.labels.phone, guest.phone],
      [texts.labels.timeZone, guest.timeZone],
      [texts.labels.message, guest.message],
      ...guest.answers.map((a): [string, string] => [a.label, a.answer]),
    ]),
  ];
}

function invitation(event: BookingEvent, stamp: number, view: View, description: string) {
  const method = event.kind === 'cancelled' ? ('CANCEL' as const) : ('REQUEST' as const);
  const ics = buildInvitation({
    uid: event.uid,
    sequence: event.sequence,
    method,
    start: event.start,
    end: event.end,
    stamp,
    summary: view.meeting.title,
    description,
    location: event.loungeUrl,
    url: event.loungeUrl,
    organizer: { name: event.seller.name, email: event.seller.email },
    attendee: { name: event.guest.name, email: event.guest.email },
  });
  return { method, ics };
}

/** The guest's e-mail about a booking event, with the invitation (or its cancel). */
export function composeGuestBookingMail(event: BookingEvent, stamp: number): MailMessage {
  const { guest, seller } = event;
  const view = viewFor(
    guest.language,
    guest.timeZone,
    event.meetingType.name,
    seller.name,
    event.start,
  );
  const { texts } = view;
  const cancelled = event.kind === 'cancelled';
  const { intro: says } = texts.guest;
  const intro =
    event.kind === 'cancelled'
      ? event.cancelledBy === 'seller'
        ? says.cancelledBySeller(seller.name)
        : says.cancelledByGuest
      : says[event.kind];
  const join = cancelled ? [] : labelled([[texts.labels.join, event.loungeUrl]]);
  const manage = labelled([
    [texts.labels.reschedule, event.manage?.rescheduleUrl],
    [texts.labels.cancel, event.manage?.cancelUrl],
  ]);
  const description = paragraphs(
    cancelled ? intro : null,
    [`${view.meeting.title} (${texts.duration(event.meetingType.durationMinutes)})`, ...join],
    manage,
  ).trimEnd();
  return {
    sellerId: seller.id,
    bookingId: event.bookingId,
    to: { name: guest.name, address: guest.email },
    subject: subjectLine(texts.guest.subject[event.kind](view.meeting)),
    text: paragraphs(
      texts.greeting(guest.name),
      intro,
      [...meetingLines(view, event), ...join],
      manage,
      cancelled ? texts.guest.calendar.cancel : texts.guest.calendar.request,
      texts.closing(seller.name),
    ),
    calendar: invitation(event, stamp, view, description),
  };
}

/** The seller's e-mail about a booking event: the guest's details and the same invitation. */
export function composeSellerBookingMail(
  event: BookingEvent,
  stamp: number,
  language: BookingLanguage = SELLER_LANGUAGE,
): MailMessage {
  const { guest, seller } = event;
  const view = viewFor(language, seller.timeZone, event.meetingType.name, guest.name, event.start);
  const { texts } = view;
  const cancelled = event.kind === 'cancelled';
  const { intro: says } = texts.seller;
  const intro =
    event.kind === 'cancelled'
      ? event.cancelledBy === 'seller'
        ? says.cancelledBySeller
        : says.cancelledByGuest(guest.name)
      : says[event.kind](guest.name);
  const room = cancelled ? [] : labelled([[texts.labels.room, event.sellerRoomUrl]]);
  const details = guestDetails(texts, event);
  const description = paragraphs(
    cancelled ? intro : null,
    [`${view.meeting.title} (${texts.duration(event.meetingType.durationMinutes)})`, ...room],
    details,
  ).trimEnd();
  return {
    sellerId: seller.id,
    bookingId: event.bookingId,
    to: { name: seller.name, address: seller.email },
    subject: subjectLine(texts.seller.subject[event.kind](view.meeting)),
    text: paragraphs(intro, [...meetingLines(view, event), ...room], details),
    calendar: invitation(event, stamp, view, description),
  };
}

/** The two e-mails of a booking event: the guest's first, then the seller's. */
export function composeBookingMails(event: BookingEvent, stamp: number): MailMessage[] {
  return [composeGuestBookingMail(event, stamp), composeSellerBookingMail(event, stamp)];
}

/** A booking as its reminders need it. */
export interface ReminderMeeting {
  bookingId: BookingId;
  start: number;
  meetingType: { name: string; durationMinutes: number };
  guest: {
    name: string;
    email: string;
    company: string | null;
    timeZone: string;
    language: BookingLanguage;
  };
  seller: { id: UserId; name: string; email: string; timeZone: string };
  /** The guest's personal lounge link. */
  loungeUrl: string;
  /** The seller's own room. */
  sellerRoomUrl: string;
}

/**
 * The e-mails of one reminder: the guest's (24 h and 15 min before), and at 15 min a short one
 * to the seller too.
 */
export function composeReminderMails(
  kind: ReminderKind,
  meeting: ReminderMeeting,
  sellerLanguage: BookingLanguage = SELLER_LANGUAGE,
): MailMessage[] {
  const { guest, seller } = meeting;
  const duration = (texts: BookingMailTexts) => texts.duration(meeting.meetingType.durationMinutes);
  const forGuest = viewFor(
    guest.language,
    guest.timeZone,
    meeting.meetingType.name,
    seller.name,
    meeting.start,
  );
  const g = forGuest.texts;
  const mails: MailMessage[] = [
    {
      sellerId: seller.id,
      bookingId: meeting.bookingId,
      to: { name: guest.name, address: guest.email },
      subject: subjectLine(g.reminder.guest.subject[kind](forGuest.meeting)),
      text: paragraphs(
        g.greeting(guest.name),
        g.reminder.guest.intro[kind],
        [
          `${forGuest.meeting.title} (${duration(g)})`,
          ...labelled([
            [g.labels.when, formatMeetingTime(meeting.start, guest.timeZone, guest.language)],
            [g.labels.join, meeting.loungeUrl],
          ]),
        ],
        g.closing(seller.name),
      ),
    },
  ];
  if (kind === '15m') {
    const forSeller = viewFor(
      sellerLanguage,
      seller.timeZone,
      meeting.meetingType.name,
      guest.name,
      meeting.start,
    );
    const s = forSeller.texts;
    mails.push({
      sellerId: seller.id,
      bookingId: meeting.bookingId,
      to: { name: seller.name, address: seller.email },
      subject: subjectLine(s.reminder.seller.subject(forSeller.meeting)),
      text: paragraphs(s.greeting(seller.name), s.reminder.seller.intro(guest.name), [
        `${forSeller.meeting.title} (${duration(s)})`,
        ...labelled([
          [s.labels.when, formatMeetingTime(meeting.start, seller.timeZone, sellerLanguage)],
          [s.labels.company, guest.company],
          [s.labels.room, meeting.sellerRoomUrl],
        ]),
      ]),
    });
  }
  return mails;
}

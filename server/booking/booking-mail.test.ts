// The booking e-mails' words (pure): times in the recipient's zone with the zone named, whole
// texts in German and English, the guest's details for the seller, and the reminders.
import { describe, expect, it } from 'vitest';
import type { BookingId, UserId } from '../../shared/ids.js';
import {
  composeBookingMails,
  composeGuestBookingMail,
  composeReminderMails,
  composeSellerBookingMail,
  formatMeetingTime,
} from './booking-mail.js';
import type { ReminderMeeting } from './booking-mail.js';
import { mailMessageSchema } from '../mail/mail.schemas.js';
import type { BookingEvent } from './notify.js';

const START = Date.UTC(2026, 11, 1, 14, 0); // Tuesday 1 December 2026, 15:00 in Berlin
const STAMP = Date.UTC(2026, 10, 28, 9, 0);
const LOUNGE = 'https://nahbar.example/r/sam-seller?c=link-token';
const MANAGE = 'https://nahbar.example/bookings/manage-token';

const event: BookingEvent = {
  kind: 'booked',
  bookingId: 'bk_1' as BookingId,
  uid: 'bk_1@nahbar.example',
  sequence: 0,
  start: START,
  end: START + 30 * 60_000,
  previous: null,
  meetingType: { name: 'Kennenlernen', durationMinutes: 30 },
  guest: {
    name: 'Gerda Gast',
    email: 'gerda@example.test',
    company: 'Gast GmbH',
    phone: '+49711123456',
    message: 'Bis bald',
    answers: [{ questionId: 'q1', label: 'Welche Maschine?', answer: 'Fräse X' }],
    timeZone: 'Europe/Berlin',
    language: 'de',
  },
  seller: {
    id: 'u_sam' as UserId,
    name: 'Sam Seller',
    email: 'sam@seller.test',
    timeZone: 'Europe/Berlin',
  },
  loungeUrl: LOUNGE,
  sellerRoomUrl: 'https://nahbar.example/r/sam-seller',
  manage: { url: MANAGE, rescheduleUrl: `${MANAGE}/reschedule`, cancelUrl: `${MANAGE}/cancel` },
  cancelledBy: null,
};

describe('booking e-mails', () => {
  it('writes a time in the reader’s zone and language, with the zone named', () => {
    expect(formatMeetingTime(START, 'Europe/Berlin', 'de')).toBe(
      'Dienstag, 1. Dezember 2026, 15:00 (Europe/Berlin)',
    );
    expect(formatMeetingTime(START, 'America/New_York', 'en')).toBe(
      'Tuesday, December 1, 2026, 9:00 AM (America/New_York)',
    );
    expect(formatMeetingTime(START, 'Asia/Kolkata', 'de', false)).toBe(
      'Dienstag, 1. Dezember 2026, 19:30',
    );
    // Just after midnight in the guest's zone, the date is theirs too.
    expect(formatMeetingTime(Date.UTC(2026, 11, 1, 23, 30), 'Europe/Berlin', 'de')).toBe(
      'Mittwoch, 2. Dezember 2026, 00:30 (Europe/Berlin)',
    );
  });

  it("writes the German guest's confirmation in full", () => {
    const mail = composeGuestBookingMail(event, STAMP);
    expect(mail).toMatchObject({
      sellerId: 'u_sam',
      bookingId: 'bk_1',
      to: { name: 'Gerda Gast', address: 'gerda@example.test' },
      subject: 'Bestätigt: Kennenlernen mit Sam Seller am Dienstag, 1. Dezember 2026, 15:00',
      calendar: { method: 'REQUEST' },
    });
    expect(mail.text).toBe(
      [
        'Hallo Gerda Gast,',
        '',
        'Ihr Termin ist gebucht.',
        '',
        'Kennenlernen mit Sam Seller (30 Minuten)',
        'Wann: Dienstag, 1. Dezember 2026, 15:00 (Europe/Berlin)',
        `Zum Gespräch: ${LOUNGE}`,
        '',
        `Termin verschieben: ${MANAGE}/reschedule`,
        `Termin absagen: ${MANAGE}/cancel`,
        '',
        'Die Einladung im Anhang trägt den Termin in Ihren Kalender ein.',
        '',
        'Viele Grüße',
        'Sam Seller',
        '',
      ].join('\n'),
    );
  });

  it("gives the seller the guest's details and leaves out the guest's manage links", () => {
    const mail = composeSellerBookingMail(
      { ...event, guest: { ...event.guest, language: 'en', timeZone: 'America/New_York' } },
      STAMP,
    );
    expect(mail.subject).toBe(
      'Neue Buchung: Kennenlernen mit Gerda Gast am Dienstag, 1. Dezember 2026, 15:00',
    );
    expect(mail.text).toBe(
      [
        'Gerda Gast hat einen Termin bei Ihnen gebucht.',
        '',
        'Kennenlernen mit Gerda Gast (30 Minuten)',
        'Wann: Dienstag, 1. Dezember 2026, 15:00 (Europe/Berlin)',
        'Ihr Raum: https://nahbar.example/r/sam-seller',
        '',
        'Gast:',
        'Name: Gerda Gast',
        'Firma: Gast GmbH',
        'E-Mail: gerda@example.test',
        'Telefon: +49711123456',
        'Zeitzone: America/New_York',
        'Nachricht: Bis bald',
        'Welche Maschine?: Fräse X',
        '',
      ].join('\n'),
    );
    expect(mail.calendar?.ics).not.toContain('manage-token');
  });

  it('leaves out what the guest did not give', () => {
    const bare = {
      ...event,
      guest: { ...event.guest, company: null, phone: null, message: null, answers: [] },
    };
    const text = composeSellerBookingMail(bare, STAMP).text;
    expect(text).not.toMatch(/Firma|Telefon|Nachricht|null/);
  });

  it('writes one guest and one seller message per event, both with the same invitation UID', () => {
    const mails = composeBookingMails({ ...event, kind: 'cancelled', sequence: 2 }, STAMP);
    expect(mails.map((m) => m.to)).toEqual([
      { name: 'Gerda Gast', address: 'gerda@example.test' },
      { name: 'Sam Seller', address: 'sam@seller.test' },
    ]);
    for (const mail of mails) {
      expect(mail.calendar?.method).toBe('CANCEL');
      expect(mail.calendar?.ics).toContain('UID:bk_1@nahbar.example');
      expect(mail.calendar?.ics).toContain('SEQUENCE:2');
    }
  });

  it('reminds the guest in their language, and the seller briefly at 15 minutes', () => {
    const meeting: ReminderMeeting = {
      bookingId: event.bookingId,
      start: START,
      meetingType: event.meetingType,
      guest: { ...event.guest, language: 'en', timeZone: 'America/New_York' },
      seller: event.seller,
      loungeUrl: LOUNGE,
      sellerRoomUrl: event.sellerRoomUrl,
    };
    const [day] = composeReminderMails('24h', meeting);
    expect(composeReminderMails('24h', meeting)).toHaveLength(1);
    expect(day).toMatchObject({
      to: { address: 'gerda@example.test' },
      subject: 'Reminder: Kennenlernen with Sam Seller on Tuesday, December 1, 2026, 9:00 AM',
      bookingId: 'bk_1',
    });
    expect(day?.text).toContain('When: Tuesday, December 1, 2026, 9:00 AM (America/New_York)');
    expect(day?.text).toContain(`Join the meeting: ${LOUNGE}`);
    const [guest, seller] = composeReminderMails('15m', meeting);
    expect(guest?.subject).toBe('Starting soon: Kennenlernen with Sam Seller at 9:00 AM');
    expect(seller).toMatchObject({
      to: { address: 'sam@seller.test' },
      subject: 'Gleich: Kennenlernen mit Gerda Gast um 15:00',
    });
    expect(seller?.text).toContain('Ihr Raum: https://nahbar.example/r/sam-seller');
    expect(seller?.text).not.toContain(LOUNGE);
  });

  it("passes the mailer's own check with the longest names a form allows, in every language", () => {
    const long = {
      ...event,
      kind: 'rescheduled' as const,
      previous: { start: START - 86_400_000, end: START - 86_400_000 + 30 * 60_000 },
      meetingType: { name: 'M'.repeat(100), durationMinutes: 30 },
      guest: { ...event.guest, name: 'G'.repeat(120), language: 'en' as const },
      seller: { ...event.seller, name: 'S'.repeat(100) },
    };
    const meeting: ReminderMeeting = { ...long, start: START };
    const mails = [
      ...composeBookingMails(long, STAMP),
      ...composeBookingMails({ ...long, guest: { ...long.guest, language: 'de' } }, STAMP),
      ...composeReminderMails('24h', meeting),
      ...composeReminderMails('15m', meeting),
    ];
    for (const mail of mails) {
      const checked = mailMessageSchema.safeParse(mail);
      expect(checked.error?.issues ?? [], mail.subject).toEqual([]);
      expect(mail.subject.length).toBeLessThanOrEqual(300);
    }
  });
});

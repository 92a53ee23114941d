// Booking e-mails end to end, on SQLite and PostgreSQL: a booking, its move and its cancel each
// reach a real SMTP server as two messages, to the guest (in their language and zone) and to the
// seller (German, Berlin, with the guest's details), each with a text/calendar part that ical.js
// reads field by field: the same UID throughout, SEQUENCE 0, 1, 2, times in UTC, the lounge link
// as LOCATION and URL, the manage links in the guest's DESCRIPTION, METHOD:CANCEL at the end.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStatus } from '../test/actors.js';
import { TEST_PUBLIC_URL } from '../test/app.js';
import { bookAsGuest, createMailWorld, guestForm, tokenOf } from '../test/booking.js';
import type { MailWorld } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';
import { parseInvitation } from '../test/ics.js';
import type { ParsedInvitation } from '../test/ics.js';
import { readMail, startTestSmtpServer } from '../test/smtp.js';
import type { ReadMail, TestSmtpServer } from '../test/smtp.js';

const MIN = 60_000;
/** A Berlin wall-clock time (CET, UTC+1) in the first days of December 2026. */
const dec = (day: number, hhmm: string) =>
  Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);

describe.each(DIALECTS)('booking e-mails on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let w: MailWorld;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  beforeEach(async () => {
    smtp.reset();
    w = await createMailWorld(dialect, smtp.url);
  });
  afterEach(async () => {
    await w?.t.close();
  });

  const answers = () => Object.fromEntries(w.page.type.questions.map((q) => [q.id, 'Fräse X']));
  const book = (start: number, changes: Record<string, unknown>) => bookAsGuest(w, start, changes);

  /** The messages sent since the last call, by recipient, once the mailer has nothing left. */
  async function delivered(): Promise<Map<string, ReadMail[]>> {
    await w.t.ctx.mailer.idle();
    const byRecipient = new Map<string, ReadMail[]>();
    for (const mail of smtp.accepted.splice(0).map(readMail)) {
      for (const to of mail.to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), mail]);
    }
    return byRecipient;
  }

  /** The one message to `address`, and its invitation read by ical.js. */
  function onlyMail(
    mails: Map<string, ReadMail[]>,
    address: string,
  ): { mail: ReadMail; ics: ParsedInvitation } {
    const list = mails.get(address) ?? [];
    expect(list, `mails to ${address}`).toHaveLength(1);
    const mail = list[0]!;
    if (!mail.calendar) throw new Error(`the mail to ${address} has no text/calendar part`);
    return { mail, ics: parseInvitation(mail.calendar.ics) };
  }

  it('e-mails an English guest and the seller on booking, move and cancel, with one invitation UID throughout', async () => {
    const guestEmail = 'gerda@example.test';
    const { manageUrl, booking } = await book(dec(1, '15:00'), {
      language: 'en',
      timeZone: 'America/New_York',
    });
    const links = { reschedule: `${manageUrl}/reschedule`, cancel: `${manageUrl}/cancel` };
    const lounge = booking.loungeUrl!;
    expect(lounge).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/r/sam-seller\\?c=`));
    const uid = `${booking.id}@nahbar.test`;

    // Booked: REQUEST, SEQUENCE 0, to both.
    let mails = await delivered();
    expect([...mails.keys()].sort()).toEqual([guestEmail, w.seller.email].sort());
    const booked = onlyMail(mails, guestEmail);
    expect(booked.mail.calendar?.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(booked.mail.subject).toBe(
      'Confirmed: Kennenlernen with Sam Seller on Tuesday, December 1, 2026, 9:00 AM',
    );
    expect(booked.mail.text).toContain('Hello Gerda Gast,\n\nYour meeting is booked.');
    expect(booked.mail.text).toContain(
      'When: Tuesday, December 1, 2026, 9:00 AM (America/New_York)',
    );
    expect(booked.mail.text).toContain(`Join the meeting: ${lounge}`);
    expect(booked.mail.text).toContain(`Reschedule: ${links.reschedule}`);
    expect(booked.mail.text).toContain(`Cancel: ${links.cancel}`);
    const expected = {
      method: 'REQUEST',
      eventCount: 1,
      uid,
      sequence: 0,
      start: dec(1, '15:00'),
      end: dec(1, '15:30'),
      stamp: w.clock.now(),
      utc: { start: true, end: true, stamp: true },
      status: 'CONFIRMED',
      location: lounge,
      url: lounge,
      organizer: { name: 'Sam Seller', email: w.seller.email },
      attendees: [
        expect.objectContaining({ name: 'Gerda Gast', email: guestEmail, partstat: 'ACCEPTED' }),
      ],
    };
    expect(booked.ics).toMatchObject({ ...expected, summary: 'Kennenlernen with Sam Seller' });
    expect(booked.ics.description).toContain(links.reschedule);
    expect(booked.ics.description).toContain(links.cancel);
    expect(booked.ics.description).toContain(lounge);

    const sellerBooked = onlyMail(mails, w.seller.email);
    expect(sellerBooked.mail.subject).toBe(
      'Neue Buchung: Kennenlernen mit Gerda Gast am Dienstag, 1. Dezember 2026, 15:00',
    );
    for (const line of [
      'Gerda Gast hat einen Termin bei Ihnen gebucht.',
      'Wann: Dienstag, 1. Dezember 2026, 15:00 (Europe/Berlin)',
      `Ihr Raum: ${TEST_PUBLIC_URL}/r/sam-seller`,
      'Name: Gerda Gast',
      'Firma: Gast GmbH',
      `E-Mail: ${guestEmail}`,
      'Telefon: +49711123456',
      'Zeitzone: America/New_York',
      'Nachricht: Bis bald',
      'Welche Maschine?: Fräse X',
    ]) {
      expect(sellerBooked.mail.text).toContain(line);
    }
    // The organizer's copy: the same event, with the guest's details instead of their links.
    expect(sellerBooked.ics).toMatchObject({
      ...expected,
      summary: 'Kennenlernen mit Gerda Gast',
    });
    expect(sellerBooked.ics.description).toContain('Firma: Gast GmbH');
    expect(sellerBooked.ics.description).toContain('Welche Maschine?: Fräse X');
    expect(sellerBooked.ics.description).not.toContain(manageUrl);
    expect(sellerBooked.mail.text).not.toContain(manageUrl);

    // Moved: REQUEST again, SEQUENCE 1, same UID, the new time.
    w.clock.advance(MIN);
    const moved = await w.guest.post(`/api/bookings/manage/${tokenOf(manageUrl)}/reschedule`, {
      start: dec(2, '10:00'),
    });
    expectStatus(moved, 200);
    mails = await delivered();
    const guestMoved = onlyMail(mails, guestEmail);
    const sellerMoved = onlyMail(mails, w.seller.email);
    for (const { ics } of [guestMoved, sellerMoved]) {
      expect(ics).toMatchObject({
        ...expected,
        sequence: 1,
        start: dec(2, '10:00'),
        end: dec(2, '10:30'),
        stamp: w.clock.now(),
      });
    }
    expect(guestMoved.mail.subject).toBe(
      'Rescheduled: Kennenlernen with Sam Seller, now on Wednesday, December 2, 2026, 4:00 AM',
    );
    expect(guestMoved.mail.text).toContain(
      'When: Wednesday, December 2, 2026, 4:00 AM (America/New_York)',
    );
    expect(guestMoved.mail.text).toContain(
      'Before: Tuesday, December 1, 2026, 9:00 AM (America/New_York)',
    );
    expect(guestMoved.ics.description).toContain(links.cancel);
    expect(sellerMoved.mail.text).toContain('Gerda Gast hat den Termin verschoben.');
    expect(sellerMoved.mail.text).toContain(
      'Bisher: Dienstag, 1. Dezember 2026, 15:00 (Europe/Berlin)',
    );

    // Cancelled: METHOD:CANCEL, SEQUENCE 2, same UID; the links are gone from the description.
    w.clock.advance(MIN);
    expectStatus(await w.guest.post(`/api/bookings/manage/${tokenOf(manageUrl)}/cancel`), 200);
    mails = await delivered();
    const guestCancelled = onlyMail(mails, guestEmail);
    const sellerCancelled = onlyMail(mails, w.seller.email);
    for (const { mail, ics } of [guestCancelled, sellerCancelled]) {
      expect(mail.calendar?.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
      expect(ics).toMatchObject({
        ...expected,
        method: 'CANCEL',
        status: 'CANCELLED',
        sequence: 2,
        start: dec(2, '10:00'),
        end: dec(2, '10:30'),
        stamp: w.clock.now(),
      });
      expect(ics.description).not.toContain(manageUrl);
      expect(mail.text).not.toContain(manageUrl);
    }
    expect(guestCancelled.mail.subject).toBe(
      'Cancelled: Kennenlernen with Sam Seller on Wednesday, December 2, 2026, 4:00 AM',
    );
    expect(guestCancelled.mail.text).toContain('You have cancelled your meeting.');
    expect(sellerCancelled.mail.text).toContain('Gerda Gast hat den Termin abgesagt.');

    // Six messages in all, each written to the outbox with its booking and sent once.
    const outbox = await w.t.db
      .selectFrom('outbox')
      .select(['booking_id', 'seller_id', 'sent_at'])
      .execute();
    expect(outbox).toHaveLength(6);
    for (const row of outbox) {
      expect(row).toMatchObject({ booking_id: booking.id, seller_id: w.seller.user.id });
      expect(row.sent_at).not.toBeNull();
    }
  });

  it("writes a German guest's e-mails in German and in their own zone, also when the seller cancels", async () => {
    const guestEmail = 'kiran@example.test';
    const { manageUrl, booking } = await book(dec(3, '11:00'), {
      email: guestEmail,
      name: 'Kiran Kunde',
      language: 'de',
      timeZone: 'Asia/Kolkata',
    });
    let mails = await delivered();
    const booked = onlyMail(mails, guestEmail);
    expect(booked.mail.subject).toBe(
      'Bestätigt: Kennenlernen mit Sam Seller am Donnerstag, 3. Dezember 2026, 15:30',
    );
    expect(booked.mail.text).toContain('Hallo Kiran Kunde,\n\nIhr Termin ist gebucht.');
    expect(booked.mail.text).toContain('Wann: Donnerstag, 3. Dezember 2026, 15:30 (Asia/Kolkata)');
    expect(booked.mail.text).toContain(`Termin verschieben: ${manageUrl}/reschedule`);
    expect(booked.mail.text).toContain(`Termin absagen: ${manageUrl}/cancel`);
    expect(booked.ics).toMatchObject({
      method: 'REQUEST',
      uid: `${booking.id}@nahbar.test`,
      sequence: 0,
      start: dec(3, '11:00'),
      utc: { start: true, end: true, stamp: true },
      summary: 'Kennenlernen mit Sam Seller',
    });
    expect(booked.ics.description).toContain(`Termin absagen: ${manageUrl}/cancel`);
    expect(onlyMail(mails, w.seller.email).mail.text).toContain(
      'Wann: Donnerstag, 3. Dezember 2026, 11:00 (Europe/Berlin)',
    );

    expectStatus(await w.seller.agent.post(`/api/bookings/${booking.id}/cancel`), 200);
    mails = await delivered();
    const cancelled = onlyMail(mails, guestEmail);
    expect(cancelled.mail.calendar?.contentType).toBe(
      'text/calendar; charset=utf-8; method=CANCEL',
    );
    expect(cancelled.mail.subject).toBe(
      'Abgesagt: Kennenlernen mit Sam Seller am Donnerstag, 3. Dezember 2026, 15:30',
    );
    expect(cancelled.mail.text).toContain('Sam Seller hat Ihren Termin leider abgesagt.');
    expect(cancelled.ics).toMatchObject({
      method: 'CANCEL',
      uid: `${booking.id}@nahbar.test`,
      sequence: 1,
      status: 'CANCELLED',
    });
    const sellerCancelled = onlyMail(mails, w.seller.email);
    expect(sellerCancelled.mail.text).toContain('Der Termin wurde in Nahbar abgesagt');
    expect(sellerCancelled.ics).toMatchObject({ method: 'CANCEL', sequence: 1 });
  });

  it('refuses at the edge, with a 400 naming the field, an address the mailer would split', async () => {
    for (const email of ['gerda,eve@example.test', 'gerda@[127.0.0.1]']) {
      const res = await w.guest.post(
        w.page.bookUrl,
        guestForm(dec(1, '16:00'), { answers: answers(), email }),
      );
      expect(res.statusCode, email).toBe(400);
      expect(res.json()).toMatchObject({
        error: { code: 'invalid', details: [{ path: '/email' }] },
      });
    }
    expect(await w.t.db.selectFrom('bookings').select('id').execute()).toEqual([]);
    expect(await w.t.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});

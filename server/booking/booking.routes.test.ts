// Guests booking a seller over HTTP, on SQLite and PostgreSQL: the page, free slots, a booking
// with its contact (created, or matched by e-mail or phone), planned touchpoint, personal lounge
// link and the event the notify hook gets; and the answers a booking is refused with.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BookedView, BookingPageView, SlotsView } from '../../shared/api/booking.js';
import type { ContactView, TouchpointView } from '../../shared/api/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import { FakeClock } from '../lib/clock.js';
import { expectStatus, guestAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { Agent, SignedIn } from '../test/actors.js';
import { createTestApp, TEST_PUBLIC_URL } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { guestForm, openBookingPage, tokenOf } from '../test/booking.js';
import type { TestPage } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';
import type { BookingEvent } from './notify.js';

// The fake clock starts on Saturday 2026-11-28 09:00 UTC; Monday 30 November is the next workday.
const utc = (iso: string) => Date.parse(iso);
/** Monday 2026-11-30 at a Berlin wall-clock time (CET, UTC+1). */
const monday = (hhmm: string) => utc(`2026-11-30T${hhmm}:00+01:00`);
const MONDAY = { from: utc('2026-11-29T23:00Z'), to: utc('2026-11-30T23:00Z') };

describe.each(DIALECTS)('booking a slot on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let seller: SignedIn;
  let guest: Agent;
  let page: TestPage;
  const events: BookingEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      clock: new FakeClock(),
      // Far more bookings from one address than a guest would make: the point of this suite.
      config: { bookingMaxPerMinute: 1000 },
    });
    t.ctx.notifyBooking = async (_trx, event) => {
      events.push(event);
    };
    owner = await setupOwner(t, { name: 'Olga Owner' });
    seller = await inviteSeller(t, owner.agent, { name: 'Sam Seller' });
    page = await openBookingPage(seller.agent, {
      type: {
        bufferAfterMinutes: 15,
        questions: [
          { label: 'Welche Maschine?', required: true },
          { label: 'Sonst noch?', required: false },
        ],
      },
    });
    guest = await guestAgent(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    events.length = 0;
  });

  const answers = () => Object.fromEntries(page.type.questions.map((q) => [q.id, 'Fräse X']));
  const book = (start: number, changes: Record<string, unknown> = {}) =>
    guest.post(page.bookUrl, guestForm(start, { answers: answers(), ...changes }));
  const slotsOn = async (window = MONDAY) => {
    const res = await guest.get(`${page.bookUrl}/slots?from=${window.from}&to=${window.to}`);
    expectStatus(res, 200);
    return res.json<SlotsView>();
  };
  const contactOf = async (id: ContactId) => {
    const res = await seller.agent.get(`/api/contacts/${id}`);
    expectStatus(res, 200);
    return res.json<{ contact: ContactView; timeline: TouchpointView[] }>();
  };
  const bookingRow = (start: number) =>
    t.db
      .selectFrom('bookings')
      .selectAll()
      .where('starts_at', '=', start)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();

  it('shows the page with the seller, their zone and the active meeting types', async () => {
    const res = await guest.get(`/api/book/${page.handle}`);
    expectStatus(res, 200);
    expect(res.json<{ page: BookingPageView }>().page).toEqual({
      handle: 'sam-seller',
      sellerName: 'Sam Seller',
      timeZone: 'Europe/Berlin',
      meetingTypes: [
        {
          slug: 'kennenlernen',
          name: 'Kennenlernen',
          durationMinutes: 30,
          horizonDays: 60,
          questions: page.type.questions,
        },
      ],
    });
    // Only personal rooms are booking pages.
    const named = await seller.agent.post('/api/rooms', { name: 'Showroom' });
    const { handle } = named.json<{ room: { handle: string } }>().room;
    expect((await guest.get(`/api/book/${handle}`)).statusCode).toBe(404);
    expect((await guest.get('/api/book/nobody-here')).statusCode).toBe(404);
    expect((await guest.get(`/api/book/${page.handle}/nope/slots?from=0&to=1`)).statusCode).toBe(
      404,
    );
  });

  it('lists the free slots of a day in UTC with the seller zone, and refuses long windows', async () => {
    const { timeZone, slots } = await slotsOn();
    expect(timeZone).toBe('Europe/Berlin');
    // 09:00–17:00 Berlin, every 30 minutes; the last meeting ends at 17:00, its buffer after it.
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ start: monday('09:00'), end: monday('09:30') });
    expect(slots.at(-1)).toEqual({ start: monday('16:30'), end: monday('17:00') });
    const tooLong = await guest.get(`${page.bookUrl}/slots?from=0&to=${63 * 86_400_000}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('books a slot: a new contact, a planned touchpoint, a personal link and a manage link', async () => {
    const res = await book(monday('10:00'), { phone: '0711 123456' });
    expectStatus(res, 201);
    const booked = res.json<BookedView>();
    expect(booked.manageUrl).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/bookings/[\\w-]{43}$`));
    expect(booked.booking).toMatchObject({
      status: 'confirmed',
      start: monday('10:00'),
      end: monday('10:30'),
      meetingType: { name: 'Kennenlernen', slug: 'kennenlernen', durationMinutes: 30 },
      seller: { name: 'Sam Seller', handle: 'sam-seller', timeZone: 'Europe/Berlin' },
      guest: { name: 'Gerda Gast', timeZone: 'America/New_York' },
      changeable: true,
    });

    const row = await bookingRow(monday('10:00'));
    expect(row).toMatchObject({
      guest_email: 'gerda@example.test',
      guest_phone: '+49711123456',
      sequence: 0,
      blocked_from: monday('10:00'),
      blocked_to: monday('10:45'),
    });
    // Only the hash of the manage token is stored.
    expect(row.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(tokenOf(booked.manageUrl));

    const { contact, timeline } = await contactOf(row.contact_id!);
    expect(contact).toMatchObject({
      name: 'Gerda Gast',
      companyName: 'Gast GmbH',
      emails: ['gerda@example.test'],
      phones: ['+49711123456'],
      timeZone: 'America/New_York',
      editable: true,
      lastTouchAt: null,
    });
    expect(timeline).toEqual([
      expect.objectContaining({
        kind: 'meeting',
        occurredAt: monday('10:00'),
        durationMs: 30 * 60_000,
        summary: 'Kennenlernen',
      }),
    ]);

    // The lounge link greets the guest by name.
    const loungeUrl = booked.booking.loungeUrl!;
    expect(loungeUrl).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/r/sam-seller\\?c=`));
    const room = await guest.get(
      `/api/rooms/public/sam-seller${loungeUrl.slice(loungeUrl.indexOf('?'))}`,
    );
    expect(room.json<{ room: { greeting?: string } }>().room.greeting).toBe('Gerda Gast');

    // The seller sees it with the answers, and the slot (and its buffer) is no longer offered.
    const list = await seller.agent.get('/api/bookings');
    expect(list.json<{ bookings: unknown[] }>().bookings).toEqual([
      expect.objectContaining({
        start: monday('10:00'),
        contactId: row.contact_id,
        answers: [
          { questionId: page.type.questions[0]!.id, label: 'Welche Maschine?', answer: 'Fräse X' },
          { questionId: page.type.questions[1]!.id, label: 'Sonst noch?', answer: 'Fräse X' },
        ],
        loungeUrl,
      }),
    ]);
    const starts = (await slotsOn()).slots.map((s) => s.start);
    expect(starts).not.toContain(monday('10:00'));
    // 10:30 starts inside the 15 minutes kept after it; 09:30 would keep its own 15 minutes
    // after it inside it; 09:00 (free until 09:45) and 11:00 are fine.
    expect(starts).not.toContain(monday('10:30'));
    expect(starts).not.toContain(monday('09:30'));
    expect(starts).toContain(monday('09:00'));
    expect(starts).toContain(monday('11:00'));
  });

  it('tells the notify hook everything an invitation needs', async () => {
    const res = await book(monday('11:00'), { email: 'Ines@Example.TEST', name: 'Ines Invite' });
    expectStatus(res, 201);
    const booked = res.json<BookedView>();
    const row = await bookingRow(monday('11:00'));
    expect(events).toEqual([
      {
        kind: 'booked',
        bookingId: row.id,
        uid: `${row.id}@nahbar.test`,
        sequence: 0,
        start: monday('11:00'),
        end: monday('11:30'),
        previous: null,
        meetingType: { name: 'Kennenlernen', durationMinutes: 30 },
        guest: {
          name: 'Ines Invite',
          email: 'ines@example.test',
          company: 'Gast GmbH',
          phone: '+49711123456',
          message: 'Bis bald',
          answers: page.type.questions.map((q) => ({
            questionId: q.id,
            label: q.label,
            answer: 'Fräse X',
          })),
          timeZone: 'America/New_York',
          language: 'de',
        },
        seller: {
          id: seller.user.id,
          name: 'Sam Seller',
          email: seller.email,
          timeZone: 'Europe/Berlin',
        },
        loungeUrl: booked.booking.loungeUrl,
        sellerRoomUrl: `${TEST_PUBLIC_URL}/r/sam-seller`,
        manage: {
          url: booked.manageUrl,
          rescheduleUrl: `${booked.manageUrl}/reschedule`,
          cancelUrl: `${booked.manageUrl}/cancel`,
        },
        cancelledBy: null,
      },
    ]);
  });

  it("matches the seller's own contact by e-mail, then by phone, and leaves it as it is", async () => {
    const created = await seller.agent.post('/api/contacts', {
      name: 'Maria Muster',
      emails: ['maria@example.test'],
      phones: ['+49 30 1234567'],
    });
    const maria = created.json<{ contact: ContactView }>().contact;
    // The owner's contact with the same address is not the seller's: it is not matched.
    await owner.agent.post('/api/contacts', {
      name: 'Olgas Maria',
      emails: ['maria@example.test'],
    });

    expectStatus(
      await book(monday('13:00'), { name: 'M. Muster', email: 'MARIA@example.test' }),
      201,
    );
    expect((await bookingRow(monday('13:00'))).contact_id).toBe(maria.id);
    const byPhone = { email: 'other@example.test', phone: '030 1234567' };
    expectStatus(await book(monday('14:00'), byPhone), 201);
    expect((await bookingRow(monday('14:00'))).contact_id).toBe(maria.id);

    const { contact, timeline } = await contactOf(maria.id);
    expect(contact).toMatchObject({ name: 'Maria Muster', emails: ['maria@example.test'] });
    expect(timeline.map((tp) => tp.occurredAt)).toEqual([monday('14:00'), monday('13:00')]);
  });

  it('refuses missing required answers, a bad phone, bad input and times that are no slot', async () => {
    const [required] = page.type.questions;
    const unanswered = await book(monday('15:00'), { answers: { [required!.id]: '  ' } });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json()).toMatchObject({
      error: { code: 'answer_required', details: { questionId: required!.id } },
    });
    const phone = await book(monday('15:00'), { phone: '12' });
    expect(phone.json()).toMatchObject({ error: { code: 'invalid_phone' } });
    for (const changes of [{ email: 'no-mail' }, { timeZone: 'Mars/Olympus' }, { name: '' }]) {
      expect((await book(monday('15:00'), changes)).statusCode, JSON.stringify(changes)).toBe(400);
    }
    for (const start of [monday('15:10'), monday('18:00'), utc('2026-11-28T10:00Z')]) {
      const res = await book(start);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'slot_unavailable' } });
    }
    expect(
      await t.db
        .selectFrom('bookings')
        .select('id')
        .where('starts_at', '=', monday('15:00'))
        .execute(),
    ).toEqual([]);
  });

  it('answers 409 slot_taken for a slot someone else has, buffers included', async () => {
    expectStatus(await book(monday('16:00')), 201);
    // 15:30–16:00 would only touch it, but this type keeps 15 minutes free after each meeting.
    for (const start of [monday('16:00'), monday('15:30')]) {
      const res = await book(start, { email: 'late@example.test' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: {
          code: 'slot_taken',
          message: 'Someone else has just booked this time; please pick another',
        },
      });
    }
  });

  it("counts a day's bookings of a type toward its daily limit, and other types' not", async () => {
    const limited = await seller.agent.post('/api/booking/meeting-types', {
      name: 'Werksbesuch',
      durationMinutes: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 0,
      horizonDays: 60,
      slotStepMinutes: 60,
      dailyLimit: 1,
    });
    expectStatus(limited, 201);
    const visitUrl = `/api/book/${page.handle}/werksbesuch`;
    const tuesday = { from: MONDAY.from + 86_400_000, to: MONDAY.to + 86_400_000 };
    const visitSlots = async () => {
      const res = await guest.get(`${visitUrl}/slots?from=${tuesday.from}&to=${tuesday.to}`);
      return res.json<SlotsView>().slots;
    };
    // A Kennenlernen that day does not count toward the Werksbesuch limit.
    expectStatus(await book(tuesday.from + 10 * 3_600_000), 201);
    // Hourly 09:00–16:00, less 10:00, which the Kennenlernen and its buffer take.
    expect(await visitSlots()).toHaveLength(7);
    const [first] = await visitSlots();
    expectStatus(await guest.post(visitUrl, guestForm(first!.start)), 201);
    expect(await visitSlots()).toEqual([]);
  });

  it('needs the CSRF token to book, like every change', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: page.bookUrl,
      payload: guestForm(monday('09:00'), { answers: answers() }),
    });
    expect(res.statusCode).toBe(403);
  });
});

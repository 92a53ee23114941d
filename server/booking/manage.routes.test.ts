// A guest's manage link over HTTP, on SQLite and PostgreSQL: a wrong token is a 404; a move
// raises SEQUENCE and frees the old time; a cancel shows as cancelled, revokes the lounge link and
// ends what the token can change; the seller's "no changes within N hours" rule; a fake clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BookedView, ManagedBookingView } from '../../shared/api/booking.js';
import { FakeClock } from '../lib/clock.js';
import { expectStatus, guestAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { Agent, SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { guestForm, openBookingPage, tokenOf } from '../test/booking.js';
import type { TestPage } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';
import type { BookingEvent } from './notify.js';

const HOUR_MS = 3_600_000;
/** A Berlin wall-clock time (CET, UTC+1) on a day of the first week of December 2026. */
const dec = (day: number, hhmm: string) =>
  Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);

describe.each(DIALECTS)("a guest's manage link on %s", (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let seller: SignedIn;
  let guest: Agent;
  let page: TestPage;
  const events: BookingEvent[] = [];

  beforeAll(async () => {
    // Saturday 2026-11-28 09:00 UTC.
    clock = new FakeClock();
    t = await createTestApp({ dialect, clock, config: { bookingMaxPerMinute: 1000 } });
    t.ctx.notifyBooking = async (_trx, event) => {
      events.push(event);
    };
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    seller = await inviteSeller(t, owner.agent, { name: 'Sam Seller' });
    page = await openBookingPage(seller.agent, { settings: { changeCutoffHours: 24 } });
    guest = await guestAgent(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    events.length = 0;
  });

  /** Books a slot and returns its manage token. */
  const book = async (start: number, email = 'gerda@example.test') => {
    const res = await guest.post(page.bookUrl, guestForm(start, { email }));
    expectStatus(res, 201);
    return tokenOf(res.json<BookedView>().manageUrl);
  };
  const look = async (token: string) => {
    const res = await guest.get(`/api/bookings/manage/${token}`);
    expectStatus(res, 200);
    return res.json<{ booking: ManagedBookingView }>().booking;
  };
  const reschedule = (token: string, start: number) =>
    guest.post(`/api/bookings/manage/${token}/reschedule`, { start });
  const cancel = (token: string) => guest.post(`/api/bookings/manage/${token}/cancel`);
  const rowOf = (start: number) =>
    t.db
      .selectFrom('bookings')
      .selectAll()
      .where('starts_at', '=', start)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();

  it('answers 404 for a wrong, malformed or unknown token, on every manage route', async () => {
    await book(dec(1, '09:00'));
    for (const token of ['A'.repeat(43), 'nope', '%20']) {
      expect((await guest.get(`/api/bookings/manage/${token}`)).statusCode).toBe(404);
      expect((await cancel(token)).statusCode).toBe(404);
      expect((await reschedule(token, dec(1, '10:00'))).statusCode).toBe(404);
    }
    const res = await guest.get(`/api/bookings/manage/${'A'.repeat(43)}`);
    expect(res.json()).toMatchObject({ error: { code: 'booking_not_found' } });
  });

  it('shows the booking and until when it can be changed', async () => {
    const token = await book(dec(1, '11:00'));
    expect(await look(token)).toMatchObject({
      status: 'confirmed',
      start: dec(1, '11:00'),
      end: dec(1, '11:30'),
      changeable: true,
      changeableUntil: dec(1, '11:00') - 24 * HOUR_MS,
      cancelledAt: null,
      loungeUrl: expect.stringContaining('/r/sam-seller?c=') as unknown,
    });
  });

  it('moves a booking: SEQUENCE + 1, the touchpoint follows, the old time is free again', async () => {
    const token = await book(dec(2, '09:00'));
    const before = await rowOf(dec(2, '09:00'));
    events.length = 0;

    const res = await reschedule(token, dec(2, '14:00'));
    expectStatus(res, 200);
    expect(res.json<{ booking: ManagedBookingView }>().booking).toMatchObject({
      status: 'confirmed',
      start: dec(2, '14:00'),
      end: dec(2, '14:30'),
    });
    const after = await rowOf(dec(2, '14:00'));
    expect(after).toMatchObject({ id: before.id, sequence: 1, ical_uid: before.ical_uid });
    const touchpoint = await t.db
      .selectFrom('touchpoints')
      .select('occurred_at')
      .where('id', '=', after.touchpoint_id!)
      .executeTakeFirstOrThrow();
    expect(touchpoint.occurred_at).toBe(dec(2, '14:00'));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'rescheduled',
        uid: before.ical_uid,
        sequence: 1,
        start: dec(2, '14:00'),
        previous: { start: dec(2, '09:00'), end: dec(2, '09:30') },
        manage: expect.objectContaining({
          url: expect.stringContaining(token) as unknown,
        }) as unknown,
      }),
    ]);

    // Moved again, one more; someone else can now book the old time.
    expectStatus(await reschedule(token, dec(2, '15:00')), 200);
    expect((await rowOf(dec(2, '15:00'))).sequence).toBe(2);
    await book(dec(2, '09:00'), 'next@example.test');
  });

  it('refuses to move onto a taken time or a time that is no slot', async () => {
    const token = await book(dec(3, '09:00'));
    await book(dec(3, '10:00'), 'other@example.test');
    const taken = await reschedule(token, dec(3, '10:00'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'slot_taken' } });
    const odd = await reschedule(token, dec(3, '10:10'));
    expect(odd.json()).toMatchObject({ error: { code: 'slot_unavailable' } });
    // Its own time is not taken by itself.
    expectStatus(await reschedule(token, dec(3, '09:00')), 200);
    expect((await rowOf(dec(3, '09:00'))).status).toBe('confirmed');
  });

  it('cancels: the page says cancelled, the lounge link is revoked and the token changes nothing more', async () => {
    const token = await book(dec(4, '09:00'));
    const booked = await rowOf(dec(4, '09:00'));
    const loungeUrl = (await look(token)).loungeUrl!;
    events.length = 0;

    const res = await cancel(token);
    expectStatus(res, 200);
    const view = await look(token);
    expect(view).toEqual({
      ...res.json<{ booking: ManagedBookingView }>().booking,
      status: 'cancelled',
      loungeUrl: null,
      changeable: false,
      changeableUntil: null,
      cancelledAt: clock.now(),
    });

    const row = await rowOf(dec(4, '09:00'));
    expect(row).toMatchObject({ status: 'cancelled', cancelled_by: 'guest', sequence: 1 });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'cancelled',
        uid: booked.ical_uid,
        sequence: 1,
        manage: null,
        cancelledBy: 'guest',
        loungeUrl,
      }),
    ]);
    // The planned touchpoint is gone, and the lounge link no longer greets the guest.
    const touchpoints = await t.db
      .selectFrom('touchpoints')
      .select('id')
      .where('id', '=', booked.touchpoint_id!)
      .execute();
    expect(touchpoints).toEqual([]);
    const room = await guest.get(
      `/api/rooms/public/sam-seller${loungeUrl.slice(loungeUrl.indexOf('?'))}`,
    );
    expect(room.json<{ room: { greeting?: string } }>().room.greeting).toBeUndefined();

    for (const again of [await cancel(token), await reschedule(token, dec(4, '10:00'))]) {
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: 'booking_cancelled' } });
    }
    // The time is free again.
    await book(dec(4, '09:00'), 'next@example.test');
  });

  it('refuses changes within the cut-off and after the start, but lets the seller cancel', async () => {
    const token = await book(dec(7, '09:00'));
    const id = (await rowOf(dec(7, '09:00'))).id;
    // The clock only moves forward, so this is the suite's last test.
    const saved = clock.now();
    // 25 hours before: still fine to look; 23 hours before: too late to change.
    clock.advance(dec(7, '09:00') - 25 * HOUR_MS - saved);
    expect((await look(token)).changeable).toBe(true);
    clock.advance(2 * HOUR_MS);
    expect(await look(token)).toMatchObject({ changeable: false, status: 'confirmed' });
    for (const res of [await cancel(token), await reschedule(token, dec(8, '09:00'))]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        error: {
          code: 'change_too_late',
          message: 'Changes are not possible within 24 hours of the meeting',
        },
      });
    }
    const bySeller = await seller.agent.post(`/api/bookings/${id}/cancel`);
    expectStatus(bySeller, 200);
    expect(bySeller.json()).toMatchObject({
      booking: { status: 'cancelled', cancelledBy: 'seller', loungeUrl: null },
    });
    expect(events.at(-1)).toMatchObject({ kind: 'cancelled', manage: null, cancelledBy: 'seller' });
    expect((await look(token)).status).toBe('cancelled');

    // Once the meeting has started, neither the guest nor the seller can change it.
    const late = await book(dec(8, '09:00'));
    const lateId = (await rowOf(dec(8, '09:00'))).id;
    clock.advance(dec(8, '09:00') - clock.now());
    expect((await cancel(late)).json()).toMatchObject({ error: { code: 'booking_started' } });
    const seller409 = await seller.agent.post(`/api/bookings/${lateId}/cancel`);
    expect(seller409.json()).toMatchObject({ error: { code: 'booking_started' } });
  });
});

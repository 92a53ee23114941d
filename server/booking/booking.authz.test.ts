// Seller A against seller B on the booking routes, on SQLite and PostgreSQL: B's bookings and
// meeting types do not exist for A, the account owner sees (and may cancel) every seller's
// bookings; merging contacts keeps their bookings, erasing one erases them; and the public
// routes' rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingView, MeetingTypeView } from '../../shared/api/booking.js';
import type { ContactId } from '../../shared/ids.js';
import { FakeClock } from '../lib/clock.js';
import { expectStatus, guestAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { Agent, SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { guestForm, openBookingPage, TEST_TYPE } from '../test/booking.js';
import type { TestPage } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';

/** Tuesday 2026-12-01 at a Berlin wall-clock time (CET, UTC+1). */
const tuesday = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+01:00`);

describe.each(DIALECTS)('bookings of seller A and seller B on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let a: SignedIn;
  let b: SignedIn;
  let guest: Agent;
  let pageA: TestPage;
  let pageB: TestPage;

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      clock: new FakeClock(),
      config: { bookingMaxPerMinute: 1000 },
    });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    a = await inviteSeller(t, owner.agent, { name: 'Anton Seller' });
    b = await inviteSeller(t, owner.agent, { name: 'Berta Seller' });
    pageA = await openBookingPage(a.agent);
    pageB = await openBookingPage(b.agent);
    guest = await guestAgent(t);
    // The same time with both: sellers' calendars are separate.
    expectStatus(await guest.post(pageA.bookUrl, guestForm(tuesday('10:00'))), 201);
    expectStatus(await guest.post(pageB.bookUrl, guestForm(tuesday('10:00'))), 201);
    expectStatus(await guest.post(pageB.bookUrl, guestForm(tuesday('11:00'))), 201);
  });
  afterAll(async () => {
    await t.close();
  });

  const bookingsOf = async (who: SignedIn) => {
    const res = await who.agent.get('/api/bookings');
    expectStatus(res, 200);
    return res.json<{ bookings: BookingView[] }>().bookings;
  };

  it('lists each seller only their own bookings, and every booking for the owner', async () => {
    expect((await bookingsOf(a)).map((x) => x.seller.name)).toEqual(['Anton Seller']);
    expect((await bookingsOf(b)).map((x) => x.seller.name)).toEqual([
      'Berta Seller',
      'Berta Seller',
    ]);
    const all = await bookingsOf(owner);
    // Soonest first; the two at 10:00 in either order.
    expect(all.map((x) => x.start)).toEqual([tuesday('10:00'), tuesday('10:00'), tuesday('11:00')]);
    expect(all.map((x) => [x.seller.name, x.start]).sort()).toEqual([
      ['Anton Seller', tuesday('10:00')],
      ['Berta Seller', tuesday('10:00')],
      ['Berta Seller', tuesday('11:00')],
    ]);
    // Each seller's guest became that seller's own contact.
    const [ofA] = await bookingsOf(a);
    const [ofB] = await bookingsOf(b);
    expect(ofA!.contactId).not.toBe(ofB!.contactId);
    expect((await a.agent.get(`/api/contacts/${ofB!.contactId}`)).statusCode).toBe(404);
  });

  it("gives seller A a 404 for cancelling B's booking or changing B's meeting type", async () => {
    const [first] = await bookingsOf(b);
    const requests = [
      { method: 'POST', url: `/api/bookings/${first!.id}/cancel` },
      { method: 'PUT', url: `/api/booking/meeting-types/${pageB.type.id}`, body: TEST_TYPE },
      { method: 'DELETE', url: `/api/booking/meeting-types/${pageB.type.id}` },
    ] as const;
    for (const req of requests) {
      const res = await a.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // Nothing changed for B.
    expect((await bookingsOf(b)).map((x) => x.status)).toEqual(['confirmed', 'confirmed']);
    const types = await b.agent.get('/api/booking/meeting-types');
    expect(types.json<{ meetingTypes: MeetingTypeView[] }>().meetingTypes).toEqual([pageB.type]);
    expect((await a.agent.get('/api/booking/meeting-types')).json()).toEqual({
      meetingTypes: [pageA.type],
    });
  });

  it("lets the account owner cancel a seller's booking; it then leaves the upcoming list", async () => {
    const [, second] = await bookingsOf(b);
    const res = await owner.agent.post(`/api/bookings/${second!.id}/cancel`);
    expectStatus(res, 200);
    expect(res.json<{ booking: BookingView }>().booking).toMatchObject({
      id: second!.id,
      status: 'cancelled',
      cancelledBy: 'seller',
    });
    expect((await bookingsOf(b)).map((x) => x.id)).not.toContain(second!.id);
    const withCancelled = await b.agent.get('/api/bookings?cancelled=true');
    const listed = withCancelled.json<{ bookings: BookingView[] }>().bookings;
    expect(listed.find((x) => x.id === second!.id)?.status).toBe('cancelled');
    const again = await b.agent.post(`/api/bookings/${second!.id}/cancel`);
    expect(again.json()).toMatchObject({ error: { code: 'booking_cancelled' } });
  });

  it('moves bookings to the kept contact when two contacts are merged', async () => {
    const [booking] = await bookingsOf(a);
    const other = await a.agent.post('/api/contacts', { name: 'Gerda G.' });
    const keepId = other.json<{ contact: { id: ContactId } }>().contact.id;
    const merged = await a.agent.post('/api/contacts/merge', {
      keepId,
      mergeId: booking!.contactId,
    });
    expectStatus(merged, 200);
    expect((await bookingsOf(a))[0]).toMatchObject({ id: booking!.id, contactId: keepId });
  });

  it('erases the bookings of a contact that is erased (they hold the same personal data)', async () => {
    const [booking] = await bookingsOf(a);
    expectStatus(await a.agent.delete(`/api/contacts/${booking!.contactId}`), 204);
    expect(await bookingsOf(a)).toEqual([]);
    const rows = await t.db
      .selectFrom('bookings')
      .select('id')
      .where('id', '=', booking!.id)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('the public booking routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The limiter counts requests per address in memory; the dialect plays no part.
    t = await createTestApp({
      dialect: 'sqlite',
      clock: new FakeClock(),
      config: { bookingMaxPerMinute: 2 },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answer 429 rate_limited once an address has made too many changes in a minute', async () => {
    const owner = await setupOwner(t);
    const page = await openBookingPage(owner.agent);
    const guest = await guestAgent(t);
    const statuses: number[] = [];
    for (const hhmm of ['09:00', '10:00', '11:00']) {
      const res = await guest.post(page.bookUrl, guestForm(tuesday(hhmm)));
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toMatchObject({ error: { code: 'rate_limited' } });
      }
    }
    expect(statuses).toEqual([201, 201, 429]);
    // Reads have their own, larger allowance.
    expect((await guest.get(`/api/book/${page.handle}`)).statusCode).toBe(200);
  });
});

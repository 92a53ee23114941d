// Fifty guests asking for the same slot at the same moment, over real HTTP on a port (so that the
// requests truly interleave in the server and, on PostgreSQL, run on several pooled connections),
// on SQLite and PostgreSQL: exactly one gets it, the other 49 get a clear 409 `slot_taken`, and
// nothing of the losers (contact, touchpoint, lounge link) is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { createMeetingTypeFor, guestForm, openBookingPage } from '../test/booking.js';
import type { TestPage } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';

const GUESTS = 50;
/** Tuesday 2026-12-01 10:00 in Berlin. */
const START = Date.parse('2026-12-01T10:00:00+01:00');

describe.each(DIALECTS)(`${GUESTS} guests booking one slot at once on %s`, (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let page: TestPage;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      clock: new FakeClock(),
      // All fifty come from 127.0.0.1; the per-address limit is not what this test is about.
      config: { bookingMaxPerMinute: 1000 },
    });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    page = await openBookingPage(owner.agent, { type: { bufferAfterMinutes: 10 } });
    origin = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives exactly one guest the slot and the other 49 a 409 slot_taken', async () => {
    // One browser's CSRF cookie and token; every guest below sends them, as a real page would.
    const csrf = await fetch(`${origin}/api/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const responses = await Promise.all(
      Array.from({ length: GUESTS }, async (_, i) => {
        const res = await fetch(`${origin}${page.bookUrl}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
          body: JSON.stringify(
            guestForm(START, { name: `Gast ${i}`, email: `gast${i}@example.test`, phone: null }),
          ),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      }),
    );

    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(GUESTS - 1);
    for (const answer of lost) {
      expect(answer).toEqual({
        status: 409,
        body: {
          error: {
            code: 'slot_taken',
            message: 'Someone else has just booked this time; please pick another',
          },
        },
      });
    }

    // One booking; only the winner became a contact with a planned meeting and a lounge link.
    const bookings = await t.db.selectFrom('bookings').selectAll().execute();
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ starts_at: START, status: 'confirmed' });
    const contacts = await t.db.selectFrom('contacts').select(['id', 'name']).execute();
    expect(contacts).toEqual([{ id: bookings[0]!.contact_id, name: bookings[0]!.guest_name }]);
    expect(await t.db.selectFrom('touchpoints').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('contact_links').select('id').execute()).toHaveLength(1);
  });

  it('keeps a daily limit of one when 20 guests book different times of one day at once', async () => {
    const limited = await createMeetingTypeFor(owner.agent, {
      name: 'Werksführung',
      dailyLimit: 1,
    });
    const csrf = await fetch(`${origin}/api/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // Wednesday 2026-12-02, 09:00 to 14:30 in Berlin: 20 times that do not overlap one another.
    const day = Date.parse('2026-12-02T09:00:00+01:00');
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch(`${origin}/api/book/${page.handle}/${limited.slug}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
          body: JSON.stringify(
            guestForm(day + i * 15 * 60_000 * 2, {
              name: `Besuch ${i}`,
              email: `besuch${i}@example.test`,
              phone: null,
            }),
          ),
        });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const booked = await t.db
      .selectFrom('bookings')
      .select('id')
      .where('meeting_type_id', '=', limited.id)
      .execute();
    expect(booked).toHaveLength(1);
  });
});

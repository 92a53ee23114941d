// Personal links on SQLite and PostgreSQL: the link greets its contact, the host sees name and
// company in the lobby, and the meeting becomes the contact's touchpoint with its real duration.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { TouchpointId } from '../../shared/ids.js';
import { FakeClock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { bookingRow, insertMeetingTypeRow } from '../test/booking.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost, joinAsHost, startLoungeServer } from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';
import { listTouchpoints } from '../touchpoints/touchpoint.repository.js';
import { createContact, getContact } from './contact.service.js';
import { findLinkedContact, personalLinkUrl } from './link.service.js';

describe.each(DIALECTS)('personal links on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: LoungeServer;
  const clock = new FakeClock();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await startLoungeServer({ db: tdb.db });
  });

  afterAll(async () => {
    await server.stop();
    await tdb.destroy();
  });

  it('lets the contact knock by name and company and logs the meeting with its duration', async () => {
    const host = await createHost(tdb.db, { name: 'Sina Seller' });
    const viewer = { id: host.userId, isOwner: false };
    const contact = await createContact(tdb.db, clock, {
      viewer,
      input: contactInputSchema.parse({ name: 'Karl Kunde', companyName: 'Kunde & Co. KG' }),
    });
    const url = await personalLinkUrl(tdb.db, clock, {
      viewer,
      contactId: contact.row.id,
      publicUrl: 'https://nahbar.example',
    });
    expect(url).toMatch(new RegExp(`^https://nahbar\\.example/r/${host.room.handle}\\?c=`));
    const token = new URL(url).searchParams.get('c')!;
    // The same link every time, and it only opens this seller's room.
    expect(
      await personalLinkUrl(tdb.db, clock, {
        viewer,
        contactId: contact.row.id,
        publicUrl: 'https://nahbar.example',
      }),
    ).toBe(url);
    expect(await findLinkedContact(tdb.db, token, host.room.id)).toMatchObject({
      contactId: contact.row.id,
      name: 'Karl Kunde',
      companyName: 'Kunde & Co. KG',
    });
    const other = await createHost(tdb.db, { name: 'Otto Other' });
    expect(await findLinkedContact(tdb.db, token, other.room.id)).toBeNull();

    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    const joinedAt = Date.now();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Karl Kunde', link: token });
    await guest.next('lobby.waiting');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.length > 0);
    expect(queue.knocks.map((k) => [k.name, k.company, k.booking])).toEqual([
      ['Karl Kunde', 'Kunde & Co. KG', null],
    ]);
    h.peer.send({ type: 'lobby.admit', knockId: queue.knocks[0]!.knockId });
    await guest.next('room.joined');
    await new Promise((resolve) => setTimeout(resolve, 250));
    guest.send({ type: 'leave' });
    await h.peer.next('peer.left');
    const leftAt = Date.now();
    h.peer.send({ type: 'leave' });
    await h.peer.roundTrip();

    const [touchpoint] = await vi.waitFor(async () => {
      const rows = await listTouchpoints(tdb.db, { contactId: contact.row.id }, 10);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(touchpoint).toMatchObject({ kind: 'meeting', author_id: host.userId });
    expect(touchpoint!.duration_ms).toBeGreaterThanOrEqual(200);
    expect(touchpoint!.duration_ms).toBeLessThanOrEqual(leftAt - joinedAt);
    expect((await getContact(tdb.db, viewer, contact.row.id)).row.last_touch_at).toBe(
      touchpoint!.occurred_at,
    );
    await Promise.all([h.peer.close(), guest.close()]);
  });

  it("shows the booking a guest knocks through: the meeting's time and type", async () => {
    const host = await createHost(tdb.db, { name: 'Bea Booked' });
    const viewer = { id: host.userId, isOwner: false };
    const contact = await createContact(tdb.db, clock, {
      viewer,
      input: contactInputSchema.parse({ name: 'Gerd Gast', companyName: 'Gast AG' }),
    });
    const url = await personalLinkUrl(tdb.db, clock, {
      viewer,
      contactId: contact.row.id,
      publicUrl: 'https://nahbar.example',
    });
    const token = new URL(url).searchParams.get('c')!;
    const link = await findLinkedContact(tdb.db, token, host.room.id);
    const type = await insertMeetingTypeRow(tdb.db, host.userId);
    // Booked for in ten minutes, with its planned touchpoint.
    const startsAt = Date.now() + 600_000;
    const plannedId = newId<TouchpointId>();
    await tdb.db
      .insertInto('touchpoints')
      .values({
        id: plannedId,
        contact_id: contact.row.id,
        company_id: contact.row.company_id,
        author_id: host.userId,
        kind: 'meeting',
        occurred_at: startsAt,
        duration_ms: 1_800_000,
        summary: 'Kennenlernen',
        next_step: null,
        next_step_due_at: null,
        next_step_done_at: null,
        meeting_id: null,
        created_at: 0,
      })
      .execute();
    await tdb.db
      .insertInto('bookings')
      .values(
        bookingRow(
          host.userId,
          type,
          { start: startsAt, end: startsAt + 1_800_000 },
          { contact_id: contact.row.id, contact_link_id: link!.linkId, touchpoint_id: plannedId },
        ),
      )
      .execute();
    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Gerd Gast', link: token });
    await guest.next('lobby.waiting');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.length > 0);
    expect(queue.knocks.map((k) => [k.name, k.company, k.booking])).toEqual([
      ['Gerd Gast', 'Gast AG', { startsAt, meetingType: 'Kennenlernen' }],
    ]);
    // The meeting fills in the booking's planned touchpoint instead of adding a second one.
    h.peer.send({ type: 'lobby.admit', knockId: queue.knocks[0]!.knockId });
    await guest.next('room.joined');
    const joinedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    guest.send({ type: 'leave' });
    await h.peer.next('peer.left');
    h.peer.send({ type: 'leave' });
    await h.peer.roundTrip();
    const [meeting] = await vi.waitFor(async () => {
      const rows = await listTouchpoints(tdb.db, { contactId: contact.row.id }, 10);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.meeting_id).not.toBeNull();
      return rows;
    });
    expect(meeting).toMatchObject({ id: plannedId, kind: 'meeting', summary: 'Kennenlernen' });
    expect(meeting!.occurred_at).toBeGreaterThanOrEqual(joinedAt - 1_000);
    expect(meeting!.duration_ms).toBeGreaterThanOrEqual(150);
    expect(meeting!.duration_ms).toBeLessThan(60_000);
    await Promise.all([h.peer.close(), guest.close()]);
  });

  it('lets a guest with an unknown link knock as anyone', async () => {
    const host = await createHost(tdb.db, { name: 'Nora Nolink' });
    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    guest.send({
      type: 'knock',
      room: host.room.handle,
      name: 'Wer Auchimmer',
      link: 'x'.repeat(22),
    });
    await guest.next('lobby.waiting');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.length > 0);
    expect(queue.knocks.map((k) => [k.name, k.company])).toEqual([['Wer Auchimmer', null]]);
    await Promise.all([h.peer.close(), guest.close()]);
  });
});

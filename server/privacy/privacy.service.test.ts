// Export and erasure of a person on SQLite and PostgreSQL: after erasure no row anywhere (search
// index segments included) mentions the person, except the audit entry that says it was erased.
import { sql, SqliteAdapter } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { MeetingId } from '../../shared/ids.js';
import { composeBookingMails, composeReminderMails } from '../booking/booking-mail.js';
import { insertBooking } from '../booking/booking.repository.js';
import { scheduleReminders } from '../booking/reminder.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import { searchDocs } from '../contacts/search.repository.js';
import type { Db } from '../db/database.js';
import { FakeClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { Mailer } from '../mail/mailer.js';
import { bookingRow, insertMeetingTypeRow } from '../test/booking.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { logTouchpoint } from '../touchpoints/touchpoint.service.js';
import { eraseContact, exportContact } from './privacy.service.js';

/** Every table's rows as text (blobs as latin1, so index segments are searched too). */
async function dumpAllTables(db: Db): Promise<Map<string, string>> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const tables = sqlite
    ? (
        await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
      ).rows.map((r) => r.name)
    : (
        await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(db)
      ).rows.map((r) => r.name);
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out.set(
      table,
      rows.rows
        .map((row) =>
          Object.values(row)
            .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
            .join('|'),
        )
        .join('\n'),
    );
  }
  return out;
}

describe.each(DIALECTS)('privacy on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  const clock = new FakeClock();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const host = await createHost(tdb.db, { name: 'Selma Seller' });
    seller = { id: host.userId, isOwner: false };
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('exports everything about a person and erases it without a trace but the audit entry', async () => {
    const host = await createHost(tdb.db, { name: 'Room Owner' });
    const record = await tdb.db.transaction().execute((trx) =>
      createContact(trx, clock, {
        viewer: seller,
        input: contactInputSchema.parse({
          name: 'Zacharias Quellmalz',
          companyName: 'Kühlturmwerke',
          emails: ['zq@kuehlturm.example'],
          phones: ['+49 30 9876543'],
          tags: ['prospect'],
          family: 'Tochter Xaviera',
          notes: 'Sammelt Dampfmaschinen',
        }),
      }),
    );
    const id = record.row.id;
    await createContact(tdb.db, clock, {
      viewer: seller,
      input: contactInputSchema.parse({ name: 'Other Person', notes: 'stays' }),
    });
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: id,
      kind: 'call',
      summary: 'Quellmalz erzählte vom Urlaub',
      nextStep: 'Angebot Quellmalz',
      nextStepDueAt: clock.now() + 86_400_000,
    });
    const meetingId = 'meeting-0000001' as MeetingId;
    await tdb.db
      .insertInto('meetings')
      .values({
        id: meetingId,
        room_id: host.room.id,
        host_user_id: host.userId,
        started_at: clock.now(),
        ended_at: null,
        duration_ms: null,
      })
      .execute();
    await tdb.db
      .insertInto('meeting_participants')
      .values({
        id: 'mp-quellmalz-1',
        meeting_id: meetingId,
        peer_id: 'peer-quellmalz',
        name: 'Zacharias Quellmalz',
        role: 'guest',
        user_id: null,
        contact_id: id,
        joined_at: clock.now(),
        left_at: null,
      })
      .execute();
    await tdb.db
      .insertInto('contact_links')
      .values({
        id: 'link-quellmalz',
        contact_id: id,
        room_id: host.room.id,
        token: 'tok-quellmalz-secret',
        created_at: clock.now(),
        revoked_at: null,
      })
      .execute();

    // A booking made as this contact, with its reminders and e-mails (one of them to somebody
    // else's booking, which stays).
    const start = clock.now() + 3 * 86_400_000;
    const typeId = await insertMeetingTypeRow(tdb.db, seller.id);
    const booking = bookingRow(
      seller.id,
      typeId,
      { start, end: start + 30 * 60_000 },
      {
        guest_name: 'Zacharias Quellmalz',
        guest_email: 'zq@kuehlturm.example',
        guest_company: 'Kühlturmwerke',
        guest_phone: '+49309876543',
        guest_message: 'Bringe Dampfmaschinen mit',
        contact_id: id,
        contact_link_id: 'link-quellmalz',
      },
    );
    await insertBooking(tdb.db, booking);
    await scheduleReminders(tdb.db, { bookingId: booking.id, start, now: clock.now() });
    const other = bookingRow(seller.id, typeId, {
      start: start + 3_600_000,
      end: start + 5_400_000,
    });
    await insertBooking(tdb.db, other);
    const mailer = new Mailer({
      db: tdb.db,
      clock,
      log: createLogger('silent'),
      config: { smtpUrl: null, from: { name: 'Nahbar', address: 'nahbar@nahbar.test' } },
    });
    const loungeUrl = 'https://nahbar.test/r/room-owner?c=tok-quellmalz-secret';
    const event = {
      kind: 'booked' as const,
      bookingId: booking.id,
      uid: booking.ical_uid,
      sequence: 0,
      start,
      end: start + 30 * 60_000,
      previous: null,
      meetingType: { name: 'Kennenlernen', durationMinutes: 30 },
      guest: {
        name: 'Zacharias Quellmalz',
        email: 'zq@kuehlturm.example',
        company: 'Kühlturmwerke',
        phone: '+49309876543',
        message: 'Bringe Dampfmaschinen mit',
        answers: [{ questionId: 'q1', label: 'Tochter?', answer: 'Xaviera' }],
        timeZone: 'Europe/Berlin',
        language: 'de' as const,
      },
      seller: {
        id: seller.id,
        name: 'Selma Seller',
        email: 'selma@example.test',
        timeZone: 'Europe/Berlin',
      },
      loungeUrl,
      sellerRoomUrl: 'https://nahbar.test/r/room-owner',
      manage: null,
      cancelledBy: null,
    };
    const mails = [
      ...composeBookingMails(event, clock.now()),
      ...composeReminderMails('15m', { ...event, sellerRoomUrl: event.sellerRoomUrl }),
    ];
    for (const mail of mails) await mailer.send(mail);
    const kept = await mailer.send({
      sellerId: seller.id,
      bookingId: other.id,
      to: 'Gerda Gast <gerda@example.test>',
      subject: 'Bestätigt: stays',
      text: 'stays',
    });

    const data = await exportContact(tdb.db, clock, seller, id);
    expect(data.contact.name).toBe('Zacharias Quellmalz');
    expect(data.contact.phones).toEqual(['+49309876543']);
    expect(data.touchpoints.map((t) => t.summary)).toEqual(['Quellmalz erzählte vom Urlaub']);
    expect(data.meetings.map((m) => m.name)).toEqual(['Zacharias Quellmalz']);
    expect(data.personalLinks).toHaveLength(1);
    expect(data.vcard).toContain('FN:Zacharias Quellmalz');
    expect(data.vcard).toContain('zq@kuehlturm.example');
    expect(data.bookings).toEqual([
      expect.objectContaining({
        id: booking.id,
        meetingType: 'Kennenlernen',
        start,
        status: 'confirmed',
        guest: expect.objectContaining({
          name: 'Zacharias Quellmalz',
          message: 'Bringe Dampfmaschinen mit',
        }) as unknown,
      }),
    ]);
    expect(data.mails.map((m) => m.to).sort()).toEqual([
      'selma@example.test',
      'selma@example.test',
      'zq@kuehlturm.example',
      'zq@kuehlturm.example',
    ]);

    await eraseContact(tdb.db, clock, seller, id);

    const traces = [
      'Quellmalz',
      'quellmalz',
      'Xaviera',
      'xaviera',
      'zq@kuehlturm',
      'kuehlturm.example',
      '9876543',
      'Dampfmaschinen',
      'dampfmaschinen',
      'tok-quellmalz',
    ];
    const dump = await dumpAllTables(tdb.db);
    for (const [table, text] of dump) {
      for (const trace of traces) {
        expect(text.includes(trace), `${table} still holds "${trace}"`).toBe(false);
      }
      if (table !== 'audit_log') {
        expect(text.includes(id), `${table} still holds the contact id`).toBe(false);
      }
      expect(text.includes(booking.id), `${table} still holds the booking id`).toBe(false);
    }
    // Nothing about the person's booking is left, and somebody else's booking and mail stay.
    expect(await tdb.db.selectFrom('booking_reminders').select('kind').execute()).toEqual([]);
    expect((await tdb.db.selectFrom('outbox').select('id').execute()).map((r) => r.id)).toEqual([
      kept,
    ]);
    expect((await tdb.db.selectFrom('bookings').select('id').execute()).map((r) => r.id)).toEqual([
      other.id,
    ]);
    const auditRows = await tdb.db.selectFrom('audit_log').selectAll().orderBy('at').execute();
    expect(auditRows.map((r) => [r.action, r.subject_id, r.actor_id])).toEqual([
      ['contact.exported', id, seller.id],
      ['contact.erased', id, seller.id],
    ]);
    expect(await searchDocs(tdb.db, seller, 'Quellmalz', 5)).toEqual([]);
    expect(await searchDocs(tdb.db, seller, 'stays', 5)).toHaveLength(1);
  });

  it('refuses to export or erase another seller\u2019s contact', async () => {
    const other: Viewer = {
      id: (await createHost(tdb.db, { name: 'Otto Other' })).userId,
      isOwner: false,
    };
    const record = await createContact(tdb.db, clock, {
      viewer: other,
      input: contactInputSchema.parse({ name: 'Private Person', shared: true }),
    });
    await expect(exportContact(tdb.db, clock, seller, record.row.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(eraseContact(tdb.db, clock, seller, record.row.id)).rejects.toMatchObject({
      status: 404,
    });
  });
});

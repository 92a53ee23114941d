// Export and erasure of a person on SQLite and PostgreSQL: after erasure no row anywhere (search
// index segments included) mentions the person, except the audit entry that says it was erased.
import { sql, SqliteAdapter } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { MeetingId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import { searchDocs } from '../contacts/search.repository.js';
import type { Db } from '../db/database.js';
import { FakeClock } from '../lib/clock.js';
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

    const data = await exportContact(tdb.db, clock, seller, id);
    expect(data.contact.name).toBe('Zacharias Quellmalz');
    expect(data.contact.phones).toEqual(['+49309876543']);
    expect(data.touchpoints.map((t) => t.summary)).toEqual(['Quellmalz erzählte vom Urlaub']);
    expect(data.meetings.map((m) => m.name)).toEqual(['Zacharias Quellmalz']);
    expect(data.personalLinks).toHaveLength(1);
    expect(data.vcard).toContain('FN:Zacharias Quellmalz');
    expect(data.vcard).toContain('zq@kuehlturm.example');

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
    }
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

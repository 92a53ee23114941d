// Meeting records written by the lounge, on SQLite and PostgreSQL: start at the second person,
// every participant with name and real join time, departures, grace expiry, end and duration.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RoomId } from '../../shared/ids.js';
import { listMeetingParticipants, listMeetingsOfRoom } from '../meetings/meeting.repository.js';
import type { MeetingRow } from '../meetings/meeting.table.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';

describe.each(DIALECTS)('meeting records on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: LoungeServer;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await startLoungeServer({ db: tdb.db, lounge: { resumeGraceSeconds: 0.3 } });
  });

  afterAll(async () => {
    await server.stop();
    await tdb.destroy();
  });

  /** Waits until the room has `count` meetings and returns them, newest first. */
  async function meetingsOf(roomId: RoomId, count: number): Promise<MeetingRow[]> {
    return vi.waitFor(async () => {
      const rows = await listMeetingsOfRoom(tdb.db, roomId);
      expect(rows).toHaveLength(count);
      return rows;
    });
  }

  it('records nothing while one person is alone in the room', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    h.peer.send({ type: 'leave' });
    await h.peer.roundTrip();
    expect(await listMeetingsOfRoom(tdb.db, host.room.id)).toEqual([]);
    await h.peer.close();
  });

  it('opens a meeting at the second person with everyone present and their real join times', async () => {
    const host = await createHost(tdb.db, { name: 'Mia Meeting' });
    const beforeHost = Date.now();
    const h = await joinAsHost(server, host);
    const beforeGuest = Date.now();
    const g = await knockAndAdmit(server, h, host.room, 'Gustav Gast');
    const afterGuest = Date.now();
    const [meeting] = await meetingsOf(host.room.id, 1);
    expect(meeting).toMatchObject({ host_user_id: host.userId, ended_at: null, duration_ms: null });
    expect(meeting!.started_at).toBeGreaterThanOrEqual(beforeGuest);
    expect(meeting!.started_at).toBeLessThanOrEqual(afterGuest);
    const rows = await vi.waitFor(async () => {
      const r = await listMeetingParticipants(tdb.db, meeting!.id);
      expect(r).toHaveLength(2);
      return r;
    });
    expect(rows.map((r) => [r.name, r.role, r.user_id, r.peer_id, r.left_at])).toEqual([
      ['Mia Meeting', 'host', host.userId, h.self.peerId, null],
      ['Gustav Gast', 'guest', null, g.self.peerId, null],
    ]);
    expect(rows[0]!.joined_at).toBeGreaterThanOrEqual(beforeHost);
    expect(rows[0]!.joined_at).toBeLessThan(meeting!.started_at + 1);
    expect(rows[1]!.joined_at).toBeGreaterThanOrEqual(beforeGuest);
    await Promise.all([h.peer.close(), g.peer.close()]);
  });

  it('records later joiners, departures, grace expiry at the drop time, then the end and duration', async () => {
    const host = await createHost(tdb.db, { name: 'Egon Ende' });
    const h = await joinAsHost(server, host);
    const a = await knockAndAdmit(server, h, host.room, 'Anna');
    const [meeting] = await meetingsOf(host.room.id, 1);
    const b = await knockAndAdmit(server, h, host.room, 'Bert');

    const beforeLeave = Date.now();
    b.peer.send({ type: 'leave' });
    await h.peer.next('peer.left', (m) => m.peerId === b.self.peerId);
    const afterLeave = Date.now();

    const beforeDrop = Date.now();
    await a.peer.drop();
    await h.peer.next('peer.connection', (m) => !m.connected);
    const afterDrop = Date.now();
    await h.peer.next('peer.left', (m) => m.peerId === a.self.peerId);
    const expiredAt = Date.now();

    const beforeEnd = Date.now();
    h.peer.send({ type: 'leave' });
    await h.peer.roundTrip();
    const afterEnd = Date.now();

    const ended = await vi.waitFor(async () => {
      const [row] = await listMeetingsOfRoom(tdb.db, host.room.id);
      expect(row!.ended_at).not.toBeNull();
      return row!;
    });
    expect(ended.id).toBe(meeting!.id);
    expect(ended.ended_at!).toBeGreaterThanOrEqual(beforeEnd);
    expect(ended.ended_at!).toBeLessThanOrEqual(afterEnd);
    expect(ended.duration_ms).toBe(ended.ended_at! - ended.started_at);

    const rows = await listMeetingParticipants(tdb.db, ended.id);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect([...byName.keys()]).toEqual(['Egon Ende', 'Anna', 'Bert']);
    const bert = byName.get('Bert')!;
    expect(bert.left_at!).toBeGreaterThanOrEqual(beforeLeave);
    expect(bert.left_at!).toBeLessThanOrEqual(afterLeave);
    // Anna's departure is when her socket dropped, not when her grace period ran out.
    const anna = byName.get('Anna')!;
    expect(anna.left_at!).toBeGreaterThanOrEqual(beforeDrop);
    expect(anna.left_at!).toBeLessThanOrEqual(afterDrop);
    expect(anna.left_at!).toBeLessThanOrEqual(expiredAt - 250);
    expect(byName.get('Egon Ende')!.left_at).toBe(ended.ended_at);
    await Promise.all([h.peer.close(), a.peer.close(), b.peer.close()]);
  });

  it('starts a new meeting when the room fills again after it was empty', async () => {
    const host = await createHost(tdb.db);
    for (let round = 1; round <= 2; round++) {
      const h = await joinAsHost(server, host);
      const g = await knockAndAdmit(server, h, host.room, `Gast ${round}`);
      await meetingsOf(host.room.id, round);
      g.peer.send({ type: 'leave' });
      await h.peer.next('peer.left');
      h.peer.send({ type: 'leave' });
      await h.peer.roundTrip();
      await vi.waitFor(async () => {
        const rows = await listMeetingsOfRoom(tdb.db, host.room.id);
        expect(rows.every((r) => r.ended_at !== null)).toBe(true);
      });
      await Promise.all([h.peer.close(), g.peer.close()]);
    }
    const meetings = await listMeetingsOfRoom(tdb.db, host.room.id);
    const names = await Promise.all(
      meetings.map(async (m) => (await listMeetingParticipants(tdb.db, m.id)).map((r) => r.name)),
    );
    expect(names).toEqual([
      ['Hanna Host', 'Gast 2'],
      ['Hanna Host', 'Gast 1'],
    ]);
  });
});

describe('when meeting records cannot be written', () => {
  it('logs the failure at error level and keeps signaling', async () => {
    const tdb = await createTestDatabase('sqlite');
    const server = await startLoungeServer({ db: tdb.db });
    try {
      const host = await createHost(tdb.db);
      await tdb.db.schema.dropTable('meeting_participants').execute();
      await tdb.db.schema.dropTable('meetings').execute();
      const h = await joinAsHost(server, host);
      const g = await knockAndAdmit(server, h, host.room, 'Gabi');
      g.peer.send({ type: 'chat.send', text: 'works anyway' });
      expect((await h.peer.next('chat.message')).text).toBe('works anyway');
      g.peer.send({ type: 'leave' });
      await h.peer.next('peer.left');
      await vi.waitFor(() => {
        const errors = server.logLines.filter((l) => l.level >= 50).map((l) => l.msg);
        expect(errors).toEqual(
          expect.arrayContaining([
            'meeting record: load open meeting failed',
            'meeting record: open meeting failed',
          ]),
        );
      });
      await Promise.all([h.peer.close(), g.peer.close()]);
    } finally {
      await server.stop();
      await tdb.destroy();
    }
  });
});

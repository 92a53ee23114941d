// The meeting repository on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingId } from '../../shared/ids.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import {
  endMeeting,
  findLastDeparture,
  findMeetingById,
  insertMeeting,
  insertMeetingParticipants,
  listMeetingParticipants,
  listMeetingsOfRoom,
  listOpenMeetings,
  listOpenMeetingsOfRoom,
  listPresentParticipants,
  markAllParticipantsLeft,
  markParticipantLeft,
} from './meeting.repository.js';

describe.each(DIALECTS)('meeting repository on %s', (dialect) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  async function meetingWithTwo(startedAt: number) {
    const host = await createHost(tdb.db);
    const id = `m-${startedAt}-${Math.random().toString(36).slice(2, 10)}` as MeetingId;
    await insertMeeting(tdb.db, {
      id,
      room_id: host.room.id,
      host_user_id: host.userId,
      started_at: startedAt,
      ended_at: null,
      duration_ms: null,
    });
    await insertMeetingParticipants(tdb.db, [
      {
        id: `${id}-h`,
        meeting_id: id,
        peer_id: 'peer-host-0001',
        name: 'Hanna Host',
        role: 'host',
        user_id: host.userId,
        joined_at: startedAt - 5_000,
        left_at: null,
      },
      {
        id: `${id}-g`,
        meeting_id: id,
        peer_id: 'peer-guest-001',
        name: 'Gabi Gast',
        role: 'guest',
        user_id: null,
        joined_at: startedAt,
        left_at: null,
      },
    ]);
    return { id, roomId: host.room.id };
  }

  it('stores a meeting with its participants and reads them back in join order', async () => {
    const { id, roomId } = await meetingWithTwo(1_000_000);
    expect(await findMeetingById(tdb.db, id)).toMatchObject({
      room_id: roomId,
      started_at: 1_000_000,
      ended_at: null,
    });
    const rows = await listMeetingParticipants(tdb.db, id);
    expect(rows.map((r) => [r.name, r.role, r.joined_at])).toEqual([
      ['Hanna Host', 'host', 995_000],
      ['Gabi Gast', 'guest', 1_000_000],
    ]);
    expect(await listOpenMeetingsOfRoom(tdb.db, roomId)).toHaveLength(1);
    expect((await listOpenMeetings(tdb.db)).map((m) => m.id)).toContain(id);
  });

  it('marks departures once and lists only those still present', async () => {
    const { id } = await meetingWithTwo(2_000_000);
    await markParticipantLeft(tdb.db, id, 'peer-guest-001', 2_060_000);
    await markParticipantLeft(tdb.db, id, 'peer-guest-001', 2_090_000);
    expect((await listPresentParticipants(tdb.db, id)).map((r) => r.name)).toEqual(['Hanna Host']);
    expect(await findLastDeparture(tdb.db, id)).toBe(2_060_000);
    await markAllParticipantsLeft(tdb.db, id, 2_120_000);
    expect(await listPresentParticipants(tdb.db, id)).toEqual([]);
    const rows = await listMeetingParticipants(tdb.db, id);
    expect(rows.map((r) => r.left_at)).toEqual([2_120_000, 2_060_000]);
  });

  it('ends a meeting once, with its duration, and drops it from the open list', async () => {
    const { id, roomId } = await meetingWithTwo(3_000_000);
    expect(await findLastDeparture(tdb.db, id)).toBeNull();
    await endMeeting(tdb.db, { id, endedAt: 3_600_000, durationMs: 600_000 });
    await endMeeting(tdb.db, { id, endedAt: 9_999_999, durationMs: 1 });
    expect(await findMeetingById(tdb.db, id)).toMatchObject({
      ended_at: 3_600_000,
      duration_ms: 600_000,
    });
    expect(await listOpenMeetingsOfRoom(tdb.db, roomId)).toEqual([]);
    expect((await listOpenMeetings(tdb.db)).map((m) => m.id)).not.toContain(id);
    expect((await listMeetingsOfRoom(tdb.db, roomId)).map((m) => m.id)).toEqual([id]);
  });
});

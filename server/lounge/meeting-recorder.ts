// Records meetings while the hub runs: decides synchronously (in memory) when a meeting opens,
// grows and ends, and writes to the database in a per-room queue so writes land in order.
// A failed write is logged and never reaches signaling.
import type { Clock } from '../lib/clock.js';
import { recordMeetingTouchpoints } from '../touchpoints/touchpoint.service.js';
import type { FastifyBaseLogger } from 'fastify';
import type { MeetingId, RoomId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { newId } from '../lib/random.js';
import {
  endMeeting,
  findLastDeparture,
  insertMeeting,
  insertMeetingParticipants,
  listOpenMeetingsOfRoom,
  listPresentParticipants,
  markAllParticipantsLeft,
  markParticipantLeft,
} from '../meetings/meeting.repository.js';
import type { MeetingParticipantRow, MeetingRow } from '../meetings/meeting.table.js';
import type { LiveRoom, Participant } from './live-room.js';

/** A meeting left open by an earlier process, with the people who had not left it. */
export interface OpenMeetingRecord {
  meeting: MeetingRow;
  present: MeetingParticipantRow[];
}

/** Keeps the `meetings` and `meeting_participants` tables in step with live rooms. */
export class MeetingRecorder {
  private readonly queues = new Map<RoomId, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Someone was admitted: opens the meeting at the second person, or adds them to it. */
  joined(room: LiveRoom, p: Participant, now: number): void {
    if (room.meeting) {
      const meetingId = room.meeting.id;
      this.write(room.id, 'add meeting participant', (db) =>
        insertMeetingParticipants(db, [participantRow(meetingId, p)]),
      );
      return;
    }
    if (room.occupancy < 2) return;
    const meetingId = newId<MeetingId>();
    room.meeting = { id: meetingId, startedAt: now, lastLeftAt: now };
    const hostUserId = room.ownerId;
    const rows = [...room.participants.values()].map((x) => participantRow(meetingId, x));
    this.write(room.id, 'open meeting', async (db) => {
      await insertMeeting(db, {
        id: meetingId,
        room_id: room.id,
        host_user_id: hostUserId,
        started_at: now,
        ended_at: null,
        duration_ms: null,
      });
      await insertMeetingParticipants(db, rows);
    });
  }

  /** Someone left for good (already removed from the room): records it, ends an emptied meeting. */
  left(room: LiveRoom, p: Participant, leftAt: number): void {
    const meeting = room.meeting;
    if (!meeting) return;
    meeting.lastLeftAt = Math.max(meeting.lastLeftAt, leftAt);
    this.write(room.id, 'record departure', (db) =>
      markParticipantLeft(db, meeting.id, p.peerId, leftAt),
    );
    if (room.occupancy > 0) return;
    room.meeting = null;
    const endedAt = meeting.lastLeftAt;
    this.write(room.id, 'end meeting', async (db) => {
      await endMeeting(db, {
        id: meeting.id,
        endedAt,
        durationMs: Math.max(0, endedAt - meeting.startedAt),
      });
      await recordMeetingTouchpoints(db, this.clock, meeting.id);
    });
  }

  /**
   * Reads the open meeting of a room left by an earlier process (newest wins; older strays are
   * closed). Null when there is none or the database failed.
   */
  async loadOpen(roomId: RoomId, strayEndedAt: number): Promise<OpenMeetingRecord | null> {
    const result = await this.run(roomId, 'load open meeting', async (db) => {
      const [latest, ...strays] = await listOpenMeetingsOfRoom(db, roomId);
      for (const stray of strays) await closeMeeting(db, this.clock, stray, strayEndedAt);
      if (!latest) return null;
      return { meeting: latest, present: await listPresentParticipants(db, latest.id) };
    });
    return result ?? null;
  }

  /**
   * Closes a meeting left open by an earlier process, unless `isAdopted()` says a live room took
   * it over by the time the write runs. Everyone still present leaves at `leftAt`.
   */
  closeStale(meeting: MeetingRow, leftAt: number, isAdopted: () => boolean): void {
    this.write(meeting.room_id, 'close stale meeting', async (db) => {
      if (isAdopted()) return;
      await closeMeeting(db, this.clock, meeting, leftAt);
    });
  }

  /** Resolves when every queued write has run. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) {
      await Promise.all([...this.queues.values()]);
    }
  }

  private write(roomId: RoomId, what: string, task: (db: Db) => Promise<void>): void {
    void this.run(roomId, what, task);
  }

  private run<T>(
    roomId: RoomId,
    what: string,
    task: (db: Db) => Promise<T>,
  ): Promise<T | undefined> {
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const next = previous
      .then(() => task(this.db))
      .catch((err: unknown) => {
        this.log.error({ err, roomId }, `meeting record: ${what} failed`);
        return undefined;
      });
    this.queues.set(roomId, next);
    void next.finally(() => {
      if (this.queues.get(roomId) === next) this.queues.delete(roomId);
    });
    return next;
  }
}

function participantRow(meetingId: MeetingId, p: Participant) {
  return {
    id: newId(),
    meeting_id: meetingId,
    peer_id: p.peerId,
    name: p.name,
    role: p.role,
    user_id: p.userId,
    contact_id: p.contactId,
    joined_at: p.joinedAt,
    left_at: null,
  };
}

async function closeMeeting(
  db: Db,
  clock: Clock,
  meeting: MeetingRow,
  leftAt: number,
): Promise<void> {
  await markAllParticipantsLeft(db, meeting.id, leftAt);
  const endedAt = Math.max(leftAt, (await findLastDeparture(db, meeting.id)) ?? leftAt);
  await endMeeting(db, {
    id: meeting.id,
    endedAt,
    durationMs: Math.max(0, endedAt - meeting.started_at),
  });
  await recordMeetingTouchpoints(db, clock, meeting.id);
}

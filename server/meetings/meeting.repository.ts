// Meeting records in the database: the seed of the touchpoint log. Executor first; the caller
// owns any transaction.
import type { MeetingId, RoomId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type {
  MeetingParticipantRow,
  MeetingRow,
  NewMeeting,
  NewMeetingParticipant,
} from './meeting.table.js';

/** Inserts a meeting. */
export async function insertMeeting(db: Db, meeting: NewMeeting): Promise<void> {
  await db.insertInto('meetings').values(meeting).execute();
}

/** Inserts participant rows (none is fine). */
export async function insertMeetingParticipants(
  db: Db,
  rows: NewMeetingParticipant[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('meeting_participants').values(rows).execute();
}

/** Records when a person left a meeting; only their still-open row is touched. */
export async function markParticipantLeft(
  db: Db,
  meetingId: MeetingId,
  peerId: string,
  leftAt: number,
): Promise<void> {
  await db
    .updateTable('meeting_participants')
    .set({ left_at: leftAt })
    .where('meeting_id', '=', meetingId)
    .where('peer_id', '=', peerId)
    .where('left_at', 'is', null)
    .execute();
}

/** Gives every still-present participant of a meeting the same departure time. */
export async function markAllParticipantsLeft(
  db: Db,
  meetingId: MeetingId,
  leftAt: number,
): Promise<void> {
  await db
    .updateTable('meeting_participants')
    .set({ left_at: leftAt })
    .where('meeting_id', '=', meetingId)
    .where('left_at', 'is', null)
    .execute();
}

/** Ends a meeting with its end time and duration. */
export async function endMeeting(
  db: Db,
  props: { id: MeetingId; endedAt: number; durationMs: number },
): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ ended_at: props.endedAt, duration_ms: props.durationMs })
    .where('id', '=', props.id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Finds a meeting by id. */
export async function findMeetingById(db: Db, id: MeetingId): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lists the meetings of a room, newest first. */
export async function listMeetingsOfRoom(db: Db, roomId: RoomId): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Lists meetings that have not ended, across all rooms, oldest first. */
export async function listOpenMeetings(db: Db): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('ended_at', 'is', null)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/** Lists the open meetings of one room, newest first. */
export async function listOpenMeetingsOfRoom(db: Db, roomId: RoomId): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('ended_at', 'is', null)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Lists every participant row of a meeting in order of joining. */
export async function listMeetingParticipants(
  db: Db,
  meetingId: MeetingId,
): Promise<MeetingParticipantRow[]> {
  return db
    .selectFrom('meeting_participants')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
}

/** Lists the participants of a meeting who have not left, in order of joining. */
export async function listPresentParticipants(
  db: Db,
  meetingId: MeetingId,
): Promise<MeetingParticipantRow[]> {
  return db
    .selectFrom('meeting_participants')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
}

/** The latest departure recorded in a meeting, or null when nobody has left. */
export async function findLastDeparture(db: Db, meetingId: MeetingId): Promise<number | null> {
  const row = await db
    .selectFrom('meeting_participants')
    .select((eb) => eb.fn.max('left_at').as('last'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

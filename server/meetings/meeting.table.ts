// Table types of meeting records: one row per meeting, one per participant in it.
import type { Insertable, Selectable } from 'kysely';
import type { ContactId, MeetingId, RoomId, UserId } from '../../shared/ids.js';

/** A meeting: it starts when a room first holds two people and ends when it is empty again. */
export interface MeetingsTable {
  id: MeetingId;
  room_id: RoomId;
  host_user_id: UserId;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
}

/** One person's presence in a meeting, with the name they gave. */
export interface MeetingParticipantsTable {
  id: string;
  meeting_id: MeetingId;
  peer_id: string;
  name: string;
  role: 'host' | 'guest';
  user_id: UserId | null;
  /** The contact who came through a personal link, if any. */
  contact_id: ContactId | null;
  joined_at: number;
  left_at: number | null;
}

/** A meeting row as read. */
export type MeetingRow = Selectable<MeetingsTable>;
/** A meeting row to insert. */
export type NewMeeting = Insertable<MeetingsTable>;
/** A participant row as read. */
export type MeetingParticipantRow = Selectable<MeetingParticipantsTable>;
/** A participant row to insert. */
export type NewMeetingParticipant = Insertable<MeetingParticipantsTable>;

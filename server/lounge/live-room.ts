// A room while it lives in memory: its participants (connected or within their grace period),
// its lobby and its open meeting. Only the hub changes it; this file holds no I/O but sending.
import type { ContactId, MeetingId, PeerId, RoomId, UserId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';
import type {
  MediaState,
  PeerInfo,
  Role,
  ServerMessageInput,
} from '../../shared/protocol/signaling.js';
import type { RoomRow } from '../rooms/room.table.js';
import type { Connection } from './connection.js';
import { Lobby } from './lobby.js';
import type { RoomShare } from './machine-share.js';

/** Signals kept for a disconnected peer; beyond this the oldest are dropped. */
export const MAX_PENDING_SIGNALS = 200;

/** An admitted participant. */
export interface Participant {
  peerId: PeerId;
  name: string;
  role: Role;
  userId: UserId | null;
  /** The contact who came through a personal link. */
  contactId: ContactId | null;
  media: MediaState;
  /** When this person joined the room (kept across resumes). */
  joinedAt: number;
  /** The socket, or null while disconnected within grace. */
  connection: Connection | null;
  /** When the socket dropped; the departure time if the participant never comes back. */
  disconnectedAt: number | null;
  graceTimer: NodeJS.Timeout | null;
  /** Signals addressed to this participant while disconnected, delivered on resume. */
  pending: ServerMessageInput[];
}

/** The meeting being recorded for a room. */
export interface OpenMeeting {
  id: MeetingId;
  startedAt: number;
  /** Latest departure so far; the meeting ends at the last departure. */
  lastLeftAt: number;
}

/** Media state of someone who has not told us yet. */
export const NO_MEDIA: MediaState = { audio: false, video: false, screenStreamId: null };

/** A live room. */
export class LiveRoom {
  readonly id: RoomId;
  handle: string;
  name: string;
  mode: RoomMode;
  ownerId: UserId;
  readonly participants = new Map<PeerId, Participant>();
  readonly lobby = new Lobby<Connection>();
  meeting: OpenMeeting | null = null;
  /** The machine panel shown in the call (see machine-share.ts). */
  share: RoomShare | null = null;
  /** Loading of a meeting left open by an earlier process; every entry into the room awaits it. */
  recovery: Promise<void> | null = null;

  constructor(row: RoomRow) {
    this.id = row.id;
    this.handle = row.handle;
    this.name = row.name;
    this.mode = row.mode;
    this.ownerId = row.owner_id;
  }

  /** Takes over name, mode and owner from a freshly read row. */
  update(row: RoomRow): void {
    this.handle = row.handle;
    this.name = row.name;
    this.mode = row.mode;
    this.ownerId = row.owner_id;
  }

  /** Admitted participants, including those within their grace period. */
  get occupancy(): number {
    return this.participants.size;
  }

  /** A participant as the others see them. */
  peerInfo(p: Participant): PeerInfo {
    return {
      peerId: p.peerId,
      name: p.name,
      role: p.role,
      media: { ...p.media },
      connected: p.connection !== null,
    };
  }

  /** Everyone but one participant, as that participant sees them. */
  peersExcept(peerId: PeerId): PeerInfo[] {
    return [...this.participants.values()]
      .filter((p) => p.peerId !== peerId)
      .map((p) => this.peerInfo(p));
  }

  /** Sends to every connected participant (never to the lobby), optionally skipping one. */
  broadcast(message: ServerMessageInput, except?: PeerId): void {
    for (const p of this.participants.values()) {
      if (p.peerId !== except) p.connection?.send(message);
    }
  }

  /** Sends the current lobby queue to every connected host. */
  sendQueueToHosts(): void {
    const message = this.queueMessage();
    for (const p of this.participants.values()) {
      if (p.role === 'host') p.connection?.send(message);
    }
  }

  /** The lobby as hosts see it. */
  queueMessage(): ServerMessageInput {
    return { type: 'lobby.queue', knocks: this.lobby.snapshot() };
  }

  /** Keeps a signal for a disconnected participant, dropping the oldest beyond the cap. */
  bufferSignal(p: Participant, message: ServerMessageInput): void {
    p.pending.push(message);
    if (p.pending.length > MAX_PENDING_SIGNALS)
      p.pending.splice(0, p.pending.length - MAX_PENDING_SIGNALS);
  }
}

// The hub's core: live rooms and the operations that move people through them (enter, resume,
// leave, drop, grace expiry, recovery after a restart). Message handlers call these; nothing here
// parses frames.
import type { FastifyBaseLogger } from 'fastify';
import type { ContactId, KnockId, PeerId, RoomId, UserId } from '../../shared/ids.js';
import { CLOSE_REPLACED, ErrorCode, ServerMessage } from '../../shared/protocol/signaling.js';
import type { Role } from '../../shared/protocol/signaling.js';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import type { RoomRow } from '../rooms/room.table.js';
import type { Connection } from './connection.js';
import { iceServersFor } from './ice.js';
import { LiveRoom, NO_MEDIA } from './live-room.js';
import type { Participant } from './live-room.js';
import { hasSpace } from './lobby.js';
import type { MeetingRecorder } from './meeting-recorder.js';
import { sharedMachineFor } from './machine-share.js';
import { RESUME_TOKEN_TTL_MS, signResumeToken } from './tokens.js';

/** What the hub needs. */
export interface HubDeps {
  config: Config['lounge'];
  clock: Clock;
  secret: Buffer;
  log: FastifyBaseLogger;
  recorder: MeetingRecorder;
}

/** Who enters a room. */
export interface Identity {
  peerId: PeerId;
  name: string;
  role: Role;
  userId: UserId | null;
  /** The contact who came through a personal link, so the meeting becomes their touchpoint. */
  contactId: ContactId | null;
  joinedAt: number;
}

/** Live rooms and the moves between fresh, lobby and call. */
export class Hub {
  /** Every room touched by this process; kept (small, bounded by the rooms table) for its history. */
  readonly rooms = new Map<RoomId, LiveRoom>();
  /** Peers that left or timed out in this process, so their tokens cannot bring them back. */
  private readonly departed = new Map<PeerId, number>();
  /** Set by stop: timers are gone and nothing changes any more. */
  stopped = false;
  /** When the sockets of an earlier process dropped (its stop, or this process's start). */
  restartedAt: number;

  constructor(readonly deps: HubDeps) {
    this.restartedAt = deps.clock.now();
  }

  /** The live room for a row, created on first touch and refreshed from the row. */
  room(row: RoomRow): LiveRoom {
    let live = this.rooms.get(row.id);
    if (live) live.update(row);
    else {
      live = new LiveRoom(row);
      this.rooms.set(row.id, live);
    }
    return live;
  }

  /** Waits until a meeting that an earlier process left open in this room has been taken over. */
  async ensureRecovered(live: LiveRoom): Promise<void> {
    live.recovery ??= this.recover(live);
    await live.recovery;
  }

  /** The participant a connection is, if any. */
  participantOf(conn: Connection): { live: LiveRoom; p: Participant } | null {
    const s = conn.state;
    if (s.kind !== 'participant') return null;
    const live = this.rooms.get(s.roomId);
    const p = live?.participants.get(s.peerId);
    return live && p && p.connection === conn ? { live, p } : null;
  }

  /** Whether a peer left or timed out earlier in this process. */
  hasDeparted(peerId: PeerId): boolean {
    return this.departed.has(peerId);
  }

  /** Adds a participant and tells everyone: `room.joined`/`room.resumed` to them, `peer.joined` to the others. */
  enter(
    live: LiveRoom,
    conn: Connection,
    who: Identity,
    type: typeof ServerMessage.Joined | typeof ServerMessage.Resumed,
  ): Participant {
    const p: Participant = {
      ...who,
      media: { ...NO_MEDIA },
      connection: conn,
      disconnectedAt: null,
      graceTimer: null,
      pending: [],
    };
    live.participants.set(p.peerId, p);
    conn.state = { kind: 'participant', roomId: live.id, peerId: p.peerId };
    this.sendRoomState(live, p, conn, type);
    live.broadcast({ type: ServerMessage.PeerJoined, peer: live.peerInfo(p) }, p.peerId);
    this.deps.recorder.joined(live, p, this.deps.clock.now());
    return p;
  }

  /** Admits a guest from the lobby (the caller checked capacity and that the knock exists). */
  admitKnock(live: LiveRoom, knockId: KnockId): void {
    const knock = live.lobby.resolve(knockId, 'admit');
    if (!knock) return;
    const conn = knock.owner;
    if (conn.closed) return;
    this.enter(
      live,
      conn,
      {
        peerId: newId<PeerId>(),
        name: knock.name,
        role: 'guest',
        userId: conn.origin.user?.id ?? null,
        contactId: knock.contactId,
        joinedAt: this.deps.clock.now(),
      },
      ServerMessage.Joined,
    );
  }

  /** Lets waiting guests in, oldest first, while there is space (a room just became open). */
  admitWaiting(live: LiveRoom): void {
    let admitted = false;
    for (const knock of live.lobby.list()) {
      if (!hasSpace(live.occupancy, this.deps.config.capacity)) break;
      this.admitKnock(live, knock.knockId);
      admitted = true;
    }
    if (admitted) live.sendQueueToHosts();
  }

  /**
   * Turns away everyone waiting in the lobby because the room was archived; the running call
   * goes on until its participants leave, but nobody new gets in.
   */
  closeLobby(live: LiveRoom): void {
    const waiting = live.lobby.list();
    for (const knock of waiting) {
      live.lobby.resolve(knock.knockId, 'reject');
      knock.owner.state = { kind: 'fresh' };
      knock.owner.sendError(ErrorCode.RoomNotFound, 'This room was closed');
    }
    if (waiting.length > 0) live.sendQueueToHosts();
  }

  /** A new socket takes over a participant still in memory (resume within grace, or a ghost). */
  takeOver(live: LiveRoom, p: Participant, conn: Connection): void {
    const previous = p.connection;
    if (previous && previous !== conn) {
      previous.state = { kind: 'fresh' };
      previous.close(CLOSE_REPLACED, 'resumed on another connection');
    }
    const wasDisconnected = previous === null;
    if (p.graceTimer) clearTimeout(p.graceTimer);
    p.graceTimer = null;
    p.connection = conn;
    p.disconnectedAt = null;
    conn.state = { kind: 'participant', roomId: live.id, peerId: p.peerId };
    this.sendRoomState(live, p, conn, ServerMessage.Resumed);
    if (wasDisconnected) {
      live.broadcast(
        { type: ServerMessage.PeerConnection, peerId: p.peerId, connected: true },
        p.peerId,
      );
    }
    const pending = p.pending;
    p.pending = [];
    for (const message of pending) conn.send(message);
  }

  /** Removes a participant for good (leave or grace expiry) and tells the others. */
  remove(live: LiveRoom, p: Participant, leftAt: number): void {
    if (live.participants.get(p.peerId) !== p) return;
    live.participants.delete(p.peerId);
    if (p.graceTimer) clearTimeout(p.graceTimer);
    p.graceTimer = null;
    p.pending = [];
    if (p.connection) p.connection.state = { kind: 'fresh' };
    p.connection = null;
    this.departed.set(p.peerId, this.deps.clock.now());
    live.broadcast({ type: ServerMessage.PeerLeft, peerId: p.peerId });
    this.deps.recorder.left(live, p, leftAt);
    // The call is over: a shared machine panel ends with it.
    if (live.occupancy === 0) live.share = null;
  }

  /** Takes a knocker out of the lobby (left or socket closed). */
  withdrawKnock(conn: Connection): void {
    const s = conn.state;
    if (s.kind !== 'knocking') return;
    conn.state = { kind: 'fresh' };
    const live = this.rooms.get(s.roomId);
    if (live?.lobby.resolve(s.knockId, 'leave')) live.sendQueueToHosts();
  }

  /** A socket closed without `leave`: knocks vanish, participants get a grace period. */
  disconnect(conn: Connection): void {
    if (this.stopped) return;
    if (conn.state.kind === 'knocking') {
      this.withdrawKnock(conn);
      return;
    }
    const found = this.participantOf(conn);
    conn.state = { kind: 'fresh' };
    if (!found) return;
    const { live, p } = found;
    p.connection = null;
    p.disconnectedAt = this.deps.clock.now();
    live.broadcast(
      { type: ServerMessage.PeerConnection, peerId: p.peerId, connected: false },
      p.peerId,
    );
    this.armGrace(live, p);
  }

  /** Forgets departed peers whose tokens have expired anyway. */
  pruneDeparted(now: number): void {
    for (const [peerId, at] of this.departed) {
      if (now - at > RESUME_TOKEN_TTL_MS) this.departed.delete(peerId);
    }
  }

  /** Stops every grace timer; meetings stay open for the next process. */
  stop(): void {
    this.stopped = true;
    for (const live of this.rooms.values()) {
      for (const p of live.participants.values()) {
        if (p.graceTimer) clearTimeout(p.graceTimer);
        p.graceTimer = null;
      }
    }
  }

  private armGrace(live: LiveRoom, p: Participant): void {
    if (p.graceTimer) clearTimeout(p.graceTimer);
    p.graceTimer = setTimeout(() => {
      p.graceTimer = null;
      if (this.stopped || p.connection !== null) return;
      try {
        this.remove(live, p, p.disconnectedAt ?? this.deps.clock.now());
      } catch (err) {
        this.deps.log.error({ err, roomId: live.id }, 'grace expiry failed');
      }
    }, this.deps.config.resumeGraceSeconds * 1000);
    p.graceTimer.unref();
  }

  private sendRoomState(
    live: LiveRoom,
    p: Participant,
    conn: Connection,
    type: typeof ServerMessage.Joined | typeof ServerMessage.Resumed,
  ): void {
    const now = this.deps.clock.now();
    conn.send({
      type,
      self: live.peerInfo(p),
      roomName: live.name,
      mode: live.mode,
      peers: live.peersExcept(p.peerId),
      iceServers: iceServersFor(this.deps.config, p.peerId, now),
      sharedMachine: sharedMachineFor(this, live, p),
      resumeToken: signResumeToken(this.deps.secret, {
        roomId: live.id,
        peerId: p.peerId,
        name: p.name,
        role: p.role,
        userId: p.userId,
        exp: now + RESUME_TOKEN_TTL_MS,
      }),
    });
    if (p.role === 'host') conn.send(live.queueMessage());
  }

  /**
   * After a restart, the people of a meeting still open in the database come back as
   * disconnected "ghosts" with grace timers: those who resume continue, the rest time out.
   */
  private async recover(live: LiveRoom): Promise<void> {
    const droppedAt = this.restartedAt;
    const found = await this.deps.recorder.loadOpen(live.id, droppedAt);
    if (!found || this.stopped || live.meeting) return;
    const { meeting, present } = found;
    live.meeting = { id: meeting.id, startedAt: meeting.started_at, lastLeftAt: droppedAt };
    for (const row of present) {
      const peerId = row.peer_id as PeerId;
      if (live.participants.has(peerId) || this.departed.has(peerId)) continue;
      const ghost: Participant = {
        peerId,
        name: row.name,
        role: row.role,
        userId: row.user_id,
        contactId: row.contact_id,
        media: { ...NO_MEDIA },
        joinedAt: row.joined_at,
        connection: null,
        disconnectedAt: Math.max(droppedAt, row.joined_at),
        graceTimer: null,
        pending: [],
      };
      live.participants.set(peerId, ghost);
      this.armGrace(live, ghost);
    }
    if (live.occupancy === 0) {
      live.meeting = null;
      this.deps.recorder.closeStale(meeting, droppedAt, () => false);
    }
  }
}

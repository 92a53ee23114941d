// The lounge: the signaling hub that owns every live room, its lobby and its participants.
// This file is the service around the hub: sockets in, heartbeats, start-up recovery, shutdown.
import { checkMachineGrant } from './machine-share.js';
import type { MachineGrant } from './machine-share.js';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { RoomId } from '../../shared/ids.js';
import { CLOSE_SERVER_RESTART, ErrorCode, ServerMessage } from '../../shared/protocol/signaling.js';
import type { ClientMessageData } from '../../shared/protocol/signaling.js';
import type { AuthUser } from '../accounts/auth.js';
import type { Db } from '../db/database.js';
import { deleteSetting, readSetting, writeSetting } from '../db/settings.js';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import { listOpenMeetings } from '../meetings/meeting.repository.js';
import { findRoomById } from '../rooms/room.repository.js';
import type { Service } from '../services/service.js';
import { Connection } from './connection.js';
import { handleClientMessage } from './handlers.js';
import { Hub } from './hub.js';
import { MeetingRecorder } from './meeting-recorder.js';
import { toErrorFrame } from './signal-errors.js';

/** What the lounge needs. */
export interface LoungeDeps {
  config: Config['lounge'];
  db: Db;
  clock: Clock;
  secret: Buffer;
  log: FastifyBaseLogger;
  /** Interval of server pings; a socket that misses one round is dropped. Default 15 s. */
  heartbeatMs?: number;
}

/** Who opened a signaling socket. */
export interface SocketOrigin {
  user: AuthUser | null;
  ip: string;
}

const DEFAULT_HEARTBEAT_MS = 15_000;
// Remembers when this process stopped, so the next one dates the departures of people who never resume.
const STOPPED_AT_SETTING = 'lounge.stopped_at';

/** Owns all live rooms; the WebSocket route hands every signaling socket to `accept`. */
export class Lounge implements Service {
  readonly name = 'lounge';
  private readonly hub: Hub;
  private readonly recorder: MeetingRecorder;
  private readonly connections = new Set<Connection>();
  private heartbeat: NodeJS.Timeout | null = null;
  private staleTimers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly deps: LoungeDeps) {
    this.recorder = new MeetingRecorder(deps.db, deps.clock, deps.log);
    this.hub = new Hub({
      config: deps.config,
      clock: deps.clock,
      secret: deps.secret,
      log: deps.log,
      recorder: this.recorder,
    });
  }

  /**
   * Arms recovery for meetings left open by an earlier process: a room that nobody returns to
   * within the grace period gets its meeting closed.
   */
  async start(): Promise<void> {
    this.stopped = false;
    this.hub.stopped = false;
    const now = this.deps.clock.now();
    this.ensureHeartbeat();
    try {
      const stoppedAt = Number((await readSetting(this.deps.db, STOPPED_AT_SETTING)) ?? NaN);
      await deleteSetting(this.deps.db, STOPPED_AT_SETTING);
      // Without a recorded stop the earlier process crashed; its sockets dropped by now at the latest.
      this.hub.restartedAt = Number.isFinite(stoppedAt) ? Math.min(stoppedAt, now) : now;
      const open = await listOpenMeetings(this.deps.db);
      const droppedAt = this.hub.restartedAt;
      for (const meeting of open) {
        const timer = setTimeout(() => {
          this.recorder.closeStale(meeting, droppedAt, () => this.hub.rooms.has(meeting.room_id));
        }, this.deps.config.resumeGraceSeconds * 1000);
        timer.unref();
        this.staleTimers.push(timer);
      }
      if (open.length > 0)
        this.deps.log.info({ meetings: open.length }, 'recovering open meetings');
    } catch (err) {
      this.deps.log.error({ err }, 'could not recover open meetings');
    }
  }

  /** Closes every socket with the restart code so clients resume elsewhere or later. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const timer of this.staleTimers) clearTimeout(timer);
    this.staleTimers = [];
    this.hub.stop();
    for (const conn of this.connections) {
      conn.state = { kind: 'fresh' };
      conn.close(CLOSE_SERVER_RESTART, 'server restart');
    }
    this.connections.clear();
    await this.recorder.idle();
    try {
      await writeSetting(this.deps.db, STOPPED_AT_SETTING, String(this.deps.clock.now()));
    } catch (err) {
      this.deps.log.error({ err }, 'could not record the lounge stop time');
    }
  }

  /**
   * Called after a room's mode or name changed over HTTP: the hub re-reads the room, tells its
   * participants (`room.mode`) and, when the room is now open, admits waiting guests up to capacity.
   * An archived room turns its waiting guests away (`room_not_found`); a running call goes on.
   */
  async refreshRoom(roomId: RoomId): Promise<void> {
    const live = this.hub.rooms.get(roomId);
    if (!live || this.stopped) return;
    try {
      const row = await findRoomById(this.deps.db, roomId);
      if (!row) return;
      live.update(row);
      if (row.archived_at !== null) {
        this.hub.closeLobby(live);
        return;
      }
      live.broadcast({ type: ServerMessage.Mode, mode: live.mode });
      if (live.mode === 'open') this.hub.admitWaiting(live);
    } catch (err) {
      this.deps.log.error({ err, roomId }, 'could not refresh a live room');
    }
  }

  /**
   * What a machine grant opens right now: its claims while the share is on and its holder is in
   * the call, null otherwise (see machine-share.ts).
   */
  checkMachineGrant(token: string): MachineGrant | null {
    return checkMachineGrant(this.hub, token);
  }

  /** Takes over a freshly opened signaling socket. */
  accept(socket: WebSocket, origin: SocketOrigin): void {
    if (this.stopped) {
      socket.close(CLOSE_SERVER_RESTART, 'server restart');
      return;
    }
    const conn = new Connection(socket, origin, {
      clock: this.deps.clock,
      ratePerSecond: this.deps.config.signalRatePerSecond,
      burst: this.deps.config.signalBurst,
      log: this.deps.log,
    });
    this.connections.add(conn);
    this.ensureHeartbeat();
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(conn, data, isBinary));
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('error', (err) => this.deps.log.debug({ err }, 'signaling socket error'));
    socket.on('close', () => {
      conn.closed = true;
      this.connections.delete(conn);
      // Queued behind the connection's messages, so a `leave` sent just before closing still counts.
      conn.enqueue(async () => {
        try {
          this.hub.disconnect(conn);
        } catch (err) {
          this.deps.log.error({ err }, 'signaling disconnect failed');
        }
      });
    });
  }

  private receive(conn: Connection, data: RawData, isBinary: boolean): void {
    try {
      const message = conn.decode(data, isBinary);
      if (message) conn.enqueue(() => this.dispatch(conn, message));
    } catch (err) {
      this.deps.log.error({ err }, 'signaling frame failed');
      conn.sendError(ErrorCode.Internal, 'Internal error');
    }
  }

  private async dispatch(conn: Connection, message: ClientMessageData): Promise<void> {
    if (this.stopped || (conn.closed && message.type !== 'leave')) return;
    try {
      await handleClientMessage(this.hub, this.deps.db, conn, message);
    } catch (err) {
      const frame = toErrorFrame(err);
      if (frame) {
        conn.sendError(frame.code, frame.message);
        return;
      }
      this.deps.log.error({ err, type: message.type }, 'signaling handler failed');
      conn.sendError(ErrorCode.Internal, 'Internal error');
    }
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat || this.stopped) return;
    this.heartbeat = setInterval(() => this.beat(), this.deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  // Each round pings every socket; one that has neither answered nor sent anything since the
  // previous round is terminated, which then counts as a disconnect.
  private beat(): void {
    this.hub.pruneDeparted(this.deps.clock.now());
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.socket.ping();
      } catch (err) {
        this.deps.log.debug({ err }, 'heartbeat ping failed');
      }
    }
  }
}

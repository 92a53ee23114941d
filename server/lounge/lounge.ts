// The lounge: the signaling hub that owns every live room, its lobby and its participants.
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { RoomId } from '../../shared/ids.js';
import type { AuthUser } from '../accounts/auth.js';
import type { Db } from '../db/database.js';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import type { Service } from '../services/service.js';

/** What the lounge needs. */
export interface LoungeDeps {
  config: Config['lounge'];
  db: Db;
  clock: Clock;
  secret: Buffer;
  log: FastifyBaseLogger;
}

/** Who opened a signaling socket. */
export interface SocketOrigin {
  user: AuthUser | null;
  ip: string;
}

/** Owns all live rooms; the WebSocket route hands every signaling socket to `accept`. */
export class Lounge implements Service {
  readonly name = 'lounge';

  constructor(private readonly deps: LoungeDeps) {}

  /** Starts timers and recovers state kept in the database. */
  async start(): Promise<void> {}

  /** Closes every socket with the restart code so clients resume elsewhere or later. */
  async stop(): Promise<void> {}

  /**
   * Called after a room's mode or name changed over HTTP: the hub re-reads the room, tells its
   * participants (`room.mode`) and, when the room is now open, admits waiting guests up to capacity.
   */
  async refreshRoom(_roomId: RoomId): Promise<void> {}

  /** Takes over a freshly opened signaling socket. */
  accept(socket: WebSocket, origin: SocketOrigin): void {
    this.deps.log.debug({ ip: origin.ip }, 'signaling socket opened');
    socket.close();
  }
}

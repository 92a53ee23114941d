// One signaling socket: its state in the lobby state machine, its rate limit, frame decoding and
// the ordered queue in which its messages are handled.
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { KnockId, PeerId, RoomId } from '../../shared/ids.js';
import { MAX_SIGNAL_FRAME_BYTES } from '../../shared/limits.js';
import { ErrorCode, parseClientMessage } from '../../shared/protocol/signaling.js';
import type { ClientMessageData, ServerMessageInput } from '../../shared/protocol/signaling.js';
import type { Clock } from '../lib/clock.js';
import type { SocketOrigin } from './lounge.js';
import { TokenBucket } from './rate-limit.js';

/** Where a connection stands: fresh, knocking in one room's lobby, or a participant of one room. */
export type ConnectionState =
  | { kind: 'fresh' }
  | { kind: 'knocking'; roomId: RoomId; knockId: KnockId }
  | { kind: 'participant'; roomId: RoomId; peerId: PeerId };

/** Settings of a connection. */
export interface ConnectionOptions {
  clock: Clock;
  ratePerSecond: number;
  burst: number;
  log: FastifyBaseLogger;
}

// A peer that stops reading must not make the server buffer without bound.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const RATE_LIMIT_ERROR_INTERVAL_MS = 1000;
const MAX_ERROR_TEXT = 200;

/** A signaling socket as the hub sees it. */
export class Connection {
  /** State in the lobby state machine; changed only by the hub. */
  state: ConnectionState = { kind: 'fresh' };
  /** Set by every pong or frame, cleared by every heartbeat ping. */
  alive = true;
  /** True once the socket closed; handlers check it after every await. */
  closed = false;
  private readonly bucket: TokenBucket;
  private lastRateLimitErrorAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    readonly origin: SocketOrigin,
    private readonly opts: ConnectionOptions,
  ) {
    this.bucket = new TokenBucket(opts.ratePerSecond, opts.burst, opts.clock.now());
  }

  /** Sends one message if the socket is open. */
  send(message: ServerMessageInput): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.opts.log.warn({ ip: this.origin.ip }, 'signaling socket does not read; terminating');
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  /** Sends an error frame. */
  sendError(code: ErrorCode, message: string): void {
    this.send({ type: 'error', code, message: message.slice(0, MAX_ERROR_TEXT) });
  }

  /**
   * Checks the rate limit, size and schema of one frame. Returns the message, or null after
   * answering with an error frame (the socket stays open either way).
   */
  decode(data: RawData, isBinary: boolean): ClientMessageData | null {
    this.alive = true;
    const now = this.opts.clock.now();
    if (!this.bucket.take(now)) {
      if (now - this.lastRateLimitErrorAt >= RATE_LIMIT_ERROR_INTERVAL_MS) {
        this.lastRateLimitErrorAt = now;
        this.sendError(ErrorCode.RateLimited, 'Too many messages; slow down');
      }
      return null;
    }
    const bytes = frameBytes(data);
    if (bytes.length > MAX_SIGNAL_FRAME_BYTES) {
      this.sendError(ErrorCode.TooLarge, `Frames may not exceed ${MAX_SIGNAL_FRAME_BYTES} bytes`);
      return null;
    }
    if (isBinary) {
      this.sendError(ErrorCode.InvalidMessage, 'Binary frames are not accepted');
      return null;
    }
    const parsed = parseClientMessage(bytes.toString('utf8'));
    if (!parsed.ok) {
      this.sendError(ErrorCode.InvalidMessage, parsed.error);
      return null;
    }
    return parsed.message;
  }

  /** Runs a task after every earlier task of this connection, so messages are handled in order. */
  enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((err: unknown) => {
      this.opts.log.error({ err }, 'signaling task failed');
    });
  }

  /** Resolves when every queued task has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Closes the socket with a code; the hub must have detached the connection first. */
  close(code: number, reason: string): void {
    if (
      this.socket.readyState === this.socket.OPEN ||
      this.socket.readyState === this.socket.CONNECTING
    ) {
      this.socket.close(code, reason);
    }
  }
}

function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

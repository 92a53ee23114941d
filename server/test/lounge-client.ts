// A signaling client for lounge tests: a real `ws` socket that validates every frame the server
// sends against the shared protocol and lets tests await messages by type.
import WebSocket from 'ws';
import { parseServerMessage } from '../../shared/protocol/signaling.js';
import type {
  ClientMessageInput,
  ServerMessageData,
  ServerMessageOf,
} from '../../shared/protocol/signaling.js';

/** Options for connecting a test client. */
export interface TestPeerOptions {
  /** Session token of a signed-in user, sent as the `nahbar_session` cookie. */
  sessionToken?: string;
  /** Origin header to send (browsers always send one). */
  origin?: string;
  /** Answer server pings (default true); false simulates a dead client. */
  autoPong?: boolean;
}

/** How the socket closed. */
export interface CloseInfo {
  code: number;
  reason: string;
}

interface Waiter {
  match: (m: ServerMessageData) => boolean;
  resolve: (m: ServerMessageData) => void;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** One signaling connection under test. */
export class TestPeer {
  /** Every valid frame received, in order (never consumed). */
  readonly received: ServerMessageData[] = [];
  /** Frames that did not match the protocol (should stay empty). */
  readonly invalid: string[] = [];
  /** Resolves when the socket closes. */
  readonly closed: Promise<CloseInfo>;
  private readonly inbox: ServerMessageData[] = [];
  private waiters: Waiter[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '<binary>' : toText(data);
      const parsed = parseServerMessage(text);
      if (!parsed.ok) {
        this.invalid.push(text);
        return;
      }
      this.received.push(parsed.message);
      const waiter = this.waiters.find((w) => w.match(parsed.message));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(parsed.message);
      } else {
        this.inbox.push(parsed.message);
      }
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket and waits until it is open. */
  static async connect(url: string, opts: TestPeerOptions = {}): Promise<TestPeer> {
    const headers: Record<string, string> = {};
    if (opts.sessionToken) headers.cookie = `nahbar_session=${opts.sessionToken}`;
    const ws = new WebSocket(url, {
      headers,
      ...(opts.origin ? { origin: opts.origin } : {}),
      autoPong: opts.autoPong ?? true,
    });
    const peer = new TestPeer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return peer;
  }

  /** Sends a protocol message. */
  send(message: ClientMessageInput): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends anything, as a text or binary frame. */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Waits for (and consumes) the next message of a type that matches an optional predicate. */
  next<T extends ServerMessageData['type']>(
    type: T,
    predicate: (m: ServerMessageOf<T>) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ServerMessageOf<T>> {
    const match = (m: ServerMessageData): boolean =>
      m.type === type && predicate(m as ServerMessageOf<T>);
    const index = this.inbox.findIndex(match);
    if (index >= 0) {
      const [found] = this.inbox.splice(index, 1);
      return Promise.resolve(found as ServerMessageOf<T>);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as ServerMessageOf<T>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.received.map((m) => m.type).join(', ');
        reject(new Error(`timed out waiting for ${type}; received so far: ${seen}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for an error frame with the given code. */
  error(code: string, timeoutMs?: number): Promise<ServerMessageOf<'error'>> {
    return this.next('error', (m) => m.code === code, timeoutMs);
  }

  /**
   * Sends a ping and waits for its pong: afterwards every frame the server sent this socket
   * before handling the ping has arrived.
   */
  async roundTrip(timeoutMs?: number): Promise<void> {
    this.send({ type: 'ping' });
    await this.next('pong', undefined, timeoutMs);
  }

  /** Messages received but not yet consumed by `next`. */
  unconsumed(): ServerMessageData[] {
    return [...this.inbox];
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<CloseInfo> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close();
    }
    return this.closed;
  }

  /** Drops the TCP connection without a closing handshake (a network loss). */
  async drop(): Promise<CloseInfo> {
    this.ws.terminate();
    return this.closed;
  }
}

function toText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

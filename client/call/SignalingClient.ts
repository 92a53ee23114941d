// The one owner of the signaling WebSocket: connects, validates every frame, keeps the socket alive
// with app-level pings, reconnects with backoff and resumes the session with the latest token.
import './jitless';
import {
  ClientMessage,
  ErrorCode,
  ServerMessage,
  parseServerMessage,
} from '../../shared/protocol/signaling';
import type { ClientMessageInput, ServerMessageData } from '../../shared/protocol/signaling';
import { backoffDelay } from './backoff';

/** State of this page's signaling connection, as shown in the connection banner. */
export type SignalingStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** The part of the browser WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Where network-change events come from (window and navigator.connection in a browser). */
export interface NetworkEvents {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Options of the signaling client; everything but `url` has a browser default. */
export interface SignalingClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  /** How often to ping when the socket is idle. */
  pingIntervalMs?: number;
  /** How long to wait for any frame after a ping before declaring the socket dead. */
  pongTimeoutMs?: number;
  /** Sources of `online` and `change` events that trigger an immediate reconnect or probe. */
  networkEvents?: NetworkEvents[];
}

/** What the client tells its owner after a socket opens. */
export interface OpenInfo {
  /** True when the client sent a resume frame with its token on this socket. */
  resuming: boolean;
}

const OPEN = 1;
const NORMAL_CLOSE = 1000;

type Listener<T> = (value: T) => void;

function defaultNetworkEvents(): NetworkEvents[] {
  const sources: NetworkEvents[] = [];
  if (typeof window !== 'undefined') sources.push(window);
  const connection = (globalThis.navigator as { connection?: NetworkEvents } | undefined)
    ?.connection;
  if (connection && typeof connection.addEventListener === 'function') sources.push(connection);
  return sources;
}

/** Builds the same-origin URL of the signaling socket. */
export function signalingUrl(location: { protocol: string; host: string }, path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/** Owns the signaling socket's whole lifecycle; the lounge session talks to the server only here. */
export class SignalingClient {
  private socket: SocketLike | null = null;
  private statusValue: SignalingStatus = 'disconnected';
  private everOpened = false;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setTimeout> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private token: string | null = null;
  private readonly messageListeners = new Set<Listener<ServerMessageData>>();
  private readonly statusListeners = new Set<Listener<SignalingStatus>>();
  private readonly openListeners = new Set<Listener<OpenInfo>>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly networkEvents: NetworkEvents[];

  constructor(private readonly options: SignalingClientOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as SocketLike);
    this.random = options.random ?? Math.random;
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
    this.networkEvents = options.networkEvents ?? defaultNetworkEvents();
  }

  /** Current connection status. */
  get status(): SignalingStatus {
    return this.statusValue;
  }

  /** The latest resume token from `room.joined`/`room.resumed`, or null outside a call. */
  get resumeToken(): string | null {
    return this.token;
  }

  /** Forgets the resume token, so the next socket starts a fresh session instead of resuming. */
  forgetSession(): void {
    this.token = null;
  }

  /** Subscribes to every valid frame from the server; returns the unsubscribe function. */
  onMessage(listener: Listener<ServerMessageData>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: Listener<SignalingStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Subscribes to socket openings (first connect and every reconnect). */
  onOpen(listener: Listener<OpenInfo>): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Opens the socket (no-op while one is open or opening) and keeps it open until `close()`. */
  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const source of this.networkEvents) {
      source.addEventListener('online', this.handleNetworkChange);
      source.addEventListener('change', this.handleNetworkChange);
    }
    this.open();
  }

  /** Sends one frame; returns false (and drops it) while the socket is not open. */
  send(message: ClientMessageInput): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the socket for good: no reconnect until `connect()` is called again. */
  close(): void {
    this.stopped = true;
    this.token = null;
    for (const source of this.networkEvents) {
      source.removeEventListener('online', this.handleNetworkChange);
      source.removeEventListener('change', this.handleNetworkChange);
    }
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      try {
        socket.close(NORMAL_CLOSE);
      } catch {
        // Already closing; nothing to do.
      }
    }
    this.everOpened = false;
    this.attempt = 0;
    this.setStatus('disconnected');
  }

  private open(): void {
    this.clearTimers();
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.everOpened = true;
      this.attempt = 0;
      this.setStatus('connected');
      const resuming = this.token !== null;
      if (this.token !== null) this.send({ type: ClientMessage.Resume, token: this.token });
      this.schedulePing();
      for (const listener of this.openListeners) listener({ resuming });
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.handleFrame(event.data);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.drop();
    };
    // A failed socket also fires close, which is where reconnecting happens.
    socket.onerror = () => {};
  }

  private handleFrame(data: unknown): void {
    // Any frame proves the socket alive: no need to wait for the pong specifically.
    this.schedulePing();
    if (typeof data !== 'string') return;
    const parsed = parseServerMessage(data);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === ServerMessage.Joined || message.type === ServerMessage.Resumed) {
      this.token = message.resumeToken;
    } else if (message.type === ServerMessage.Error && message.code === ErrorCode.ResumeFailed) {
      this.token = null;
    }
    for (const listener of this.messageListeners) listener(message);
  }

  /** Gives up on the current socket (closed or presumed dead) and plans the next one. */
  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      try {
        socket.close();
      } catch {
        // A dead socket may refuse to close; it is detached either way.
      }
    }
    if (this.stopped) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearTimers();
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.attempt, this.random());
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private schedulePing(): void {
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.pongTimer = null;
    if (this.pingTimer !== null) clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.probe(this.pongTimeoutMs), this.pingIntervalMs);
  }

  /** Sends a ping and drops the socket unless some frame arrives within `timeoutMs`. */
  private probe(timeoutMs: number): void {
    this.pingTimer = null;
    if (!this.send({ type: ClientMessage.Ping })) return;
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => {
      this.pongTimer = null;
      this.drop();
    }, timeoutMs);
  }

  /** After `online` or a network change: retry at once when down, check liveness when up. */
  private readonly handleNetworkChange = (): void => {
    if (this.stopped) return;
    if (this.socket && this.socket.readyState === OPEN) {
      if (this.pongTimer === null) this.probe(Math.min(this.pongTimeoutMs, 3_000));
      return;
    }
    if (this.reconnectTimer !== null) {
      this.attempt = 0;
      this.open();
    }
  };

  private detach(socket: SocketLike): void {
    socket.onopen = null;
    socket.onclose = null;
    socket.onmessage = null;
    socket.onerror = null;
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.pingTimer, this.pongTimer]) {
      if (timer !== null) clearTimeout(timer);
    }
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
  }

  private setStatus(status: SignalingStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

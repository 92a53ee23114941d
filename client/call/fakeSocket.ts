// Test doubles for the signaling client's transport: a scriptable socket and network events.
// Used by unit tests only; nothing in the app imports this file.
import type { NetworkEvents, SocketLike } from './SignalingClient';

/** A WebSocket stand-in whose server side the test drives by hand. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  /** Records a frame the client sent. */
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  /** Records that the client closed the socket. */
  close(): void {
    this.closed = true;
    this.readyState = 3;
  }

  /** The server accepts the connection. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server sends a frame (objects are JSON-encoded). */
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  /** The connection ends from the server's side or the network. */
  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** A source of `online`/`change` events that the test fires by hand. */
export class FakeNetwork implements NetworkEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Registers a listener. */
  addEventListener(type: string, listener: () => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  /** Removes a listener. */
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Fires an event. */
  fire(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
}

// The one owner of a machine page's live connection: an EventSource on the machine's live stream,
// payloads checked before use, and reconnects. The browser retries a dropped stream by itself;
// a stream it gave up on (an error answer, a server gone for long) is opened again here with
// backoff. After any reconnect the page is told to reload its series, since values sent during
// the gap were missed.
import type { LiveValue } from '../api/machines';
import { backoffDelay } from '../call/backoff';

/** Where the live connection stands. */
export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of EventSource the feed uses (a fake stands in for it in tests). */
export interface LiveSource {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/** EventSource's `readyState` once the browser stops retrying by itself. */
export const SOURCE_CLOSED = 2;

/** Timers, replaceable by a fake clock in tests. */
export interface LiveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of LiveFeed. */
export interface LiveFeedOptions {
  url: string;
  /** New values, oldest first. */
  onValues: (values: LiveValue[]) => void;
  onState?: (state: LiveState) => void;
  /** The stream is back after a gap: values may have been missed. */
  onResync?: () => void;
  openSource?: (url: string) => LiveSource;
  timers?: LiveTimers;
  random?: () => number;
}

const browserTimers: LiveTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function isLiveValue(value: unknown): value is LiveValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.deviceId === 'string' &&
    typeof v.key === 'string' &&
    typeof v.ts === 'number' &&
    Number.isFinite(v.ts) &&
    typeof v.value === 'number' &&
    Number.isFinite(v.value)
  );
}

/**
 * The values of one `data:` line of the live stream (`{"values": [...]}`); malformed values are
 * dropped, a malformed payload gives none.
 */
export function parseLivePayload(data: string): LiveValue[] {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return [];
  }
  const values = (body as { values?: unknown } | null)?.values;
  if (!Array.isArray(values)) return [];
  return values
    .filter(isLiveValue)
    .map((v) => ({ deviceId: v.deviceId, key: v.key, ts: v.ts, value: v.value }));
}

/** A machine's live values for as long as it is started. */
export class LiveFeed {
  private source: LiveSource | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private opened = false;
  private stopped = true;
  private readonly timers: LiveTimers;

  constructor(private readonly opts: LiveFeedOptions) {
    this.timers = opts.timers ?? browserTimers;
  }

  /** Opens the stream. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  /** Closes the stream and cancels any pending reconnect. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.opts.onState?.('closed');
  }

  private open(): void {
    const openSource = this.opts.openSource ?? ((url: string): LiveSource => new EventSource(url));
    this.opts.onState?.(this.opened ? 'reconnecting' : 'connecting');
    const source = openSource(this.opts.url);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.attempt = 0;
      this.opts.onState?.('open');
      if (this.opened) this.opts.onResync?.();
      this.opened = true;
    };
    source.onmessage = (event) => {
      if (this.source !== source) return;
      const values = parseLivePayload(event.data);
      if (values.length > 0) this.opts.onValues(values);
    };
    source.onerror = () => {
      if (this.source !== source || this.stopped) return;
      this.opts.onState?.('reconnecting');
      // While CONNECTING the browser retries by itself; once CLOSED it has given up.
      if (source.readyState !== SOURCE_CLOSED) return;
      source.close();
      this.source = null;
      const delay = backoffDelay(this.attempt++, (this.opts.random ?? Math.random)());
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        if (!this.stopped) this.open();
      }, delay);
    };
  }
}

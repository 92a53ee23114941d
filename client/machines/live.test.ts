import { describe, expect, it } from 'vitest';
import type { LiveValue } from '../api/machines';
import { LiveFeed, parseLivePayload, SOURCE_CLOSED } from './live';
import type { LiveSource, LiveState, LiveTimers } from './live';

// EventSource as the feed sees it, driven by hand.
class FakeSource implements LiveSource {
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {}
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  fail(closed: boolean): void {
    this.readyState = closed ? SOURCE_CLOSED : 0;
    this.onerror?.(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = SOURCE_CLOSED;
  }
}

// Timers that run only when the test says so.
class FakeTimers implements LiveTimers {
  pending: { fn: () => void; ms: number }[] = [];
  setTimeout(fn: () => void, ms: number): unknown {
    const entry = { fn, ms };
    this.pending.push(entry);
    return entry;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((e) => e !== handle);
  }
  runAll(): void {
    const due = this.pending;
    this.pending = [];
    for (const entry of due) entry.fn();
  }
}

function feed() {
  const sources: FakeSource[] = [];
  const values: LiveValue[][] = [];
  const states: LiveState[] = [];
  let resyncs = 0;
  const timers = new FakeTimers();
  const live = new LiveFeed({
    url: '/api/machines/m1/live',
    onValues: (v) => values.push(v),
    onState: (s) => states.push(s),
    onResync: () => resyncs++,
    openSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    timers,
    random: () => 0.5,
  });
  return { live, sources, values, states, timers, resyncs: () => resyncs };
}

const payload = (values: unknown) => JSON.stringify({ values });
const value = { deviceId: 'dev-aaaaaaaa', key: 'temp', ts: 1000, value: 21.5 };

describe('parseLivePayload', () => {
  it('reads the values of a data line', () => {
    expect(parseLivePayload(payload([value]))).toEqual([value]);
  });

  it('drops malformed values and gives none for a malformed payload', () => {
    expect(
      parseLivePayload(payload([value, { ...value, value: 'hot' }, { ...value, ts: null }, 7])),
    ).toEqual([value]);
    expect(parseLivePayload('{"values": 3}')).toEqual([]);
    expect(parseLivePayload('not json')).toEqual([]);
    expect(parseLivePayload('null')).toEqual([]);
  });
});

describe('LiveFeed', () => {
  it('opens the stream and passes its values on', () => {
    const f = feed();
    f.live.start();
    expect(f.sources).toHaveLength(1);
    expect(f.sources[0]?.url).toBe('/api/machines/m1/live');
    f.sources[0]?.open();
    f.sources[0]?.send(payload([value]));
    f.sources[0]?.send(payload([]));
    expect(f.values).toEqual([[value]]);
    expect(f.states).toEqual(['connecting', 'open']);
    expect(f.resyncs()).toBe(0);
  });

  it('lets the browser retry a dropped stream and asks for a resync once it is back', () => {
    const f = feed();
    f.live.start();
    const source = f.sources[0];
    source?.open();
    source?.fail(false);
    expect(f.states.at(-1)).toBe('reconnecting');
    expect(f.sources).toHaveLength(1);
    expect(f.timers.pending).toHaveLength(0);
    source?.open();
    expect(f.states.at(-1)).toBe('open');
    expect(f.resyncs()).toBe(1);
  });

  it('opens a new stream with backoff when the browser gave up', () => {
    const f = feed();
    f.live.start();
    f.sources[0]?.open();
    f.sources[0]?.fail(true);
    expect(f.sources[0]?.closed).toBe(true);
    expect(f.timers.pending.map((p) => p.ms)).toEqual([500]);
    f.timers.runAll();
    expect(f.sources).toHaveLength(2);
    // A second failure before opening waits longer.
    f.sources[1]?.fail(true);
    expect(f.timers.pending.map((p) => p.ms)).toEqual([1000]);
    f.timers.runAll();
    f.sources[2]?.open();
    expect(f.resyncs()).toBe(1);
    // Once open again, the next failure starts from the short delay.
    f.sources[2]?.fail(true);
    expect(f.timers.pending.map((p) => p.ms)).toEqual([500]);
  });

  it('ignores a stream it already replaced', () => {
    const f = feed();
    f.live.start();
    const first = f.sources[0];
    first?.fail(true);
    f.timers.runAll();
    first?.send(payload([value]));
    expect(f.values).toEqual([]);
  });

  it('closes the stream and cancels a pending reconnect when stopped', () => {
    const f = feed();
    f.live.start();
    f.sources[0]?.fail(true);
    f.live.stop();
    expect(f.timers.pending).toHaveLength(0);
    expect(f.states.at(-1)).toBe('closed');

    const g = feed();
    g.live.start();
    g.sources[0]?.open();
    g.live.stop();
    expect(g.sources[0]?.closed).toBe(true);
    g.sources[0]?.send(payload([value]));
    expect(g.values).toEqual([]);
  });
});

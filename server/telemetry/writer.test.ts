import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceId } from '../../shared/ids.js';
import { DIALECTS_WITH_FILE, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, memoryLogger, reading } from '../test/telemetry.js';
import type { ReadingBatch } from './reading-batch.js';
import { createTelemetryStore } from './store.js';
import type { DeleteOptions, StoredReading, TelemetryStore } from './store.js';
import {
  TelemetryWriter,
  TelemetryWriterStoppedError,
  type TelemetryWriterOptions,
} from './writer.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

/** The real store, watched: how many writes overlap, and a way to fail the next writes. */
class WatchedStore implements TelemetryStore {
  inFlight = 0;
  mostInFlight = 0;
  failNext = 0;
  /** Extra time every write takes, to stand for a slow disk. */
  slowMs = 0;
  batches: number[] = [];
  /** performance.now() at the start and end of every write. */
  spans: Array<[number, number]> = [];

  constructor(private readonly store: TelemetryStore) {}

  get batching() {
    return this.store.batching;
  }
  async writeBatch(readings: ReadingBatch): Promise<number> {
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    const began = performance.now();
    try {
      if (this.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.slowMs));
      if (this.failNext > 0) {
        this.failNext--;
        throw new Error('disk on fire');
      }
      const inserted = await this.store.writeBatch(readings);
      this.batches.push(readings.length);
      return inserted;
    } finally {
      this.inFlight--;
      this.spans.push([began, performance.now()]);
    }
  }
  rawSeries(deviceId: DeviceId, key: string, from: number, to: number) {
    return this.store.rawSeries(deviceId, key, from, to);
  }
  rollupSeries(deviceId: DeviceId, key: string, from: number, to: number) {
    return this.store.rollupSeries(deviceId, key, from, to);
  }
  latest(deviceId: DeviceId) {
    return this.store.latest(deviceId);
  }
  deleteRawBefore(cutoff: number, options: DeleteOptions) {
    return this.store.deleteRawBefore(cutoff, options);
  }
  deleteRollupsBefore(cutoff: number, options: DeleteOptions) {
    return this.store.deleteRollupsBefore(cutoff, options);
  }
  close() {
    return this.store.close();
  }
}

/** A message of two keys at second `i`. */
function message(deviceId: DeviceId, i: number): StoredReading[] {
  const ts = T0 + i * 1000;
  return [reading(deviceId, 'temp', ts, i), reading(deviceId, 'hum', ts, 100 - i)];
}

/** Settles to the outcome of a promise without throwing, so a test can look at it later. */
function outcome(promise: Promise<void>): { state: string; error?: unknown } {
  const seen: { state: string; error?: unknown } = { state: 'pending' };
  promise.then(
    () => (seen.state = 'resolved'),
    (error: unknown) => Object.assign(seen, { state: 'rejected', error }),
  );
  return seen;
}

describe.each(DIALECTS_WITH_FILE)('telemetry writer on %s', (dialect) => {
  let t: TestDatabase;
  let store: WatchedStore;
  let devices: DeviceId[];
  let writer: TelemetryWriter | undefined;
  let logged: string[];
  let destroyed: boolean;

  async function startWriter(
    options: Partial<Omit<TelemetryWriterOptions, 'store' | 'log'>> = {},
  ): Promise<TelemetryWriter> {
    const { log, messages } = memoryLogger();
    logged = messages;
    writer = new TelemetryWriter({ store, log, ...options });
    await writer.start();
    return writer;
  }

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    store = new WatchedStore(createTelemetryStore(t.db));
    devices = await insertDevices(t.db, 3);
    destroyed = false;
  });
  afterEach(async () => {
    await writer?.stop();
    writer = undefined;
    await store.close();
    if (!destroyed) await t.destroy();
  });

  it('resolves concurrent submissions only once their readings are committed', async () => {
    const w = await startWriter({ maxBatch: 50, maxDelayMs: 5 });
    const submitted = Array.from({ length: 150 }, (_, i) => message(devices[i % 3]!, i));
    const found = await Promise.all(
      submitted.map((readings) =>
        w.submit(readings).then(async () => {
          const r = readings[0]!;
          return (await store.rawSeries(r.deviceId, 'hum', r.ts, r.ts)).length;
        }),
      ),
    );
    expect(found.every((n) => n === 1)).toBe(true);
    expect(store.batches.reduce((a, b) => a + b, 0)).toBe(300);
    expect(store.batches.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...store.batches)).toBeLessThanOrEqual(50);
    expect(store.mostInFlight).toBe(1);
  });

  it('tells listeners about every commit, and a failing listener harms nothing', async () => {
    const w = await startWriter({ maxDelayMs: 1 });
    const heard: StoredReading[] = [];
    w.onCommitted(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = w.onCommitted((readings) => heard.push(...readings));
    await Promise.all([w.submit(message(devices[0]!, 1)), w.submit(message(devices[1]!, 2))]);
    expect(heard).toHaveLength(4);
    expect(logged).toContain('telemetry commit listener failed');
    unsubscribe();
    await w.submit(message(devices[0]!, 3));
    expect(heard).toHaveLength(4);
  });

  it('rejects the submissions of a failed batch and writes the next ones', async () => {
    const w = await startWriter({ maxBatch: 2, maxDelayMs: 60_000 });
    store.failNext = 1;
    const first = w.submit(message(devices[0]!, 1));
    const second = w.submit(message(devices[0]!, 2));
    await expect(first).rejects.toThrow('disk on fire');
    await expect(second).resolves.toBeUndefined();
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0 + 10_000)).toEqual([
      { ts: T0 + 2_000, value: 2 },
    ]);
    expect(logged).toContain(
      'telemetry batch failed: none of it was stored, and nothing of it was acknowledged',
    );
  });

  it('rejects every submission when the database is gone', async () => {
    const w = await startWriter({ maxDelayMs: 1 });
    await t.destroy();
    destroyed = true;
    const results = await Promise.allSettled([
      w.submit(message(devices[0]!, 1)),
      w.submit(message(devices[1]!, 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('refuses a malformed reading alone, before it reaches a batch', async () => {
    const w = await startWriter({ maxDelayMs: 1 });
    const bad = [reading(devices[0]!, 'temp', T0, 1), reading(devices[0]!, 'hum', T0, NaN)];
    const good = w.submit(message(devices[1]!, 1));
    await expect(w.submit(bad)).rejects.toThrow(RangeError);
    await expect(w.submit([reading(devices[0]!, 'k'.repeat(65), T0, 1)])).rejects.toThrow(
      'key is too long',
    );
    await expect(w.submit([reading(devices[0]!, 'temp', T0 + 0.5, 1)])).rejects.toThrow(
      'ts is not epoch milliseconds',
    );
    await expect(good).resolves.toBeUndefined();
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0)).toEqual([]);
  });

  it('flushes everything pending on stop (however often called) and refuses submissions afterwards', async () => {
    const w = await startWriter({ maxBatch: 1_000_000, maxDelayMs: 60_000 });
    const pending = Array.from({ length: 40 }, (_, i) =>
      outcome(w.submit(message(devices[0]!, i))),
    );
    expect(store.batches).toEqual([]);
    const [first, second] = [w.stop(), w.stop()];
    await second;
    expect(pending.every((p) => p.state === 'resolved')).toBe(true);
    await first;
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0 + 60_000)).toHaveLength(40);
    await expect(w.submit(message(devices[0]!, 99))).rejects.toThrow(TelemetryWriterStoppedError);
  });

  it('makes submitters wait for room when the queue is full, refusing none, and says when it is overloaded', async () => {
    const w = await startWriter({
      maxBatch: 100,
      maxQueued: 4,
      maxWaiting: 1,
      maxDelayMs: 60_000,
    });
    const queued = [
      outcome(w.submit(message(devices[0]!, 1))),
      outcome(w.submit(message(devices[0]!, 2))),
    ];
    const waiting = [outcome(w.submit(message(devices[0]!, 3)))];
    expect(w.overloaded).toBe(false);
    waiting.push(outcome(w.submit(message(devices[0]!, 4))));
    expect(w.overloaded).toBe(true);
    expect(w.backlog).toBe(8);
    await Promise.resolve();
    const all = [...queued, ...waiting];
    expect(all.map((o) => o.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
    await w.stop();
    expect(all.map((o) => o.state)).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);
    expect(w.overloaded).toBe(false);
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0 + 10_000)).toHaveLength(4);
  });

  it("releases an `until: 'queued'` submitter once queued, waits for room when full, and still stores every reading", async () => {
    store.slowMs = 200;
    // Batches leave only when full (4 readings, two messages), or on stop.
    const w = await startWriter({ maxBatch: 4, maxQueued: 4, maxDelayMs: 60_000 });
    // A malformed reading is still refused.
    await expect(
      w.submit([reading(devices[0]!, 'temp', T0, NaN)], { until: 'queued' }),
    ).rejects.toThrow(RangeError);
    // Room in the queue: released at once, before any batch was written.
    const first = outcome(w.submit(message(devices[0]!, 1), { until: 'queued' }));
    const second = outcome(w.submit(message(devices[0]!, 2), { until: 'queued' }));
    await Promise.resolve();
    expect([first.state, second.state]).toEqual(['resolved', 'resolved']);
    expect(store.batches).toEqual([]);
    // Wait for the first batch to be under way, then fill the queue: the third fits, the fourth
    // waits for room and is released only when the third's batch leaves the queue.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.inFlight).toBe(1);
    const third = outcome(w.submit(message(devices[0]!, 3), { until: 'queued' }));
    const fourth = outcome(w.submit(message(devices[0]!, 4), { until: 'queued' }));
    const fifth = outcome(w.submit(message(devices[0]!, 5), { until: 'queued' }));
    await Promise.resolve();
    expect([third.state, fourth.state, fifth.state]).toEqual(['resolved', 'resolved', 'pending']);
    await vi.waitFor(() => expect(fifth.state).toBe('resolved'), { timeout: 5_000 });
    // The batch that made room has started; the fifth's readings are not stored yet.
    expect(store.batches).toEqual([4]);
    await w.stop();
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0 + 10_000)).toHaveLength(5);
  });

  it('queues at once only what fits and is well formed, and nothing once stopped', async () => {
    const w = await startWriter({ maxBatch: 100, maxQueued: 4, maxDelayMs: 60_000 });
    expect(w.queueNow([reading(devices[0]!, 'temp', T0, NaN)])).toBe(false);
    expect(w.queueNow(message(devices[0]!, 1))).toBe(true);
    expect(w.queueNow(message(devices[0]!, 2))).toBe(true);
    expect(w.queueNow(message(devices[0]!, 3))).toBe(false);
    expect(w.backlog).toBe(4);
    await w.stop();
    expect(w.queueNow(message(devices[0]!, 4))).toBe(false);
    expect(await store.rawSeries(devices[0]!, 'temp', T0, T0 + 10_000)).toHaveLength(2);
  });

  it('writes an `alone` submission without waiting for its batch to fill', async () => {
    const w = await startWriter({ maxBatch: 100, maxDelayMs: 60_000 });
    const started = performance.now();
    await w.submit(message(devices[0]!, 1), { alone: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    // An ordinary submission queued before it leaves with it.
    const earlier = outcome(w.submit(message(devices[1]!, 2)));
    await w.submit(message(devices[0]!, 3), { alone: true });
    expect(earlier.state).toBe('resolved');
    expect(store.batches).toEqual([2, 4]);
    await w.stop();
  });

  it('rests as long as it wrote before the next batch when busyShare is 0.5', async () => {
    store.slowMs = 40;
    const w = await startWriter({ maxDelayMs: 1, busyShare: 0.5 });
    await w.submit(message(devices[0]!, 1));
    await w.submit(message(devices[0]!, 2));
    const [[start1, end1], [start2]] = store.spans as [[number, number], [number, number]];
    // Timers never fire early; 1 ms of slack for the clocks' rounding.
    expect(start2 - end1).toBeGreaterThanOrEqual(end1 - start1 - 1);
  });

  it('refuses a busyShare outside (0, 1]', () => {
    const { log } = memoryLogger();
    expect(() => new TelemetryWriter({ store, log, busyShare: 0 })).toThrow(RangeError);
    expect(() => new TelemetryWriter({ store, log, busyShare: 1.5 })).toThrow(RangeError);
  });

  it('admits waiting submissions as batches leave the queue', async () => {
    const w = await startWriter({ maxBatch: 4, maxQueued: 4, maxDelayMs: 1 });
    const all = Array.from({ length: 30 }, (_, i) => w.submit(message(devices[i % 3]!, i)));
    await Promise.all(all);
    expect(store.batches.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...store.batches)).toBeLessThanOrEqual(4);
  });
});

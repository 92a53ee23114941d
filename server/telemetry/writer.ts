// The ingest queue between the broker and the telemetry store. Submissions are gathered into
// batches and written one batch at a time; a submission's promise settles with the commit of its
// batch, so the broker acknowledges a message only once its readings are durable, and never when
// the write failed. A message that gets no acknowledgement (MQTT QoS 0) is released once queued
// (`until: 'queued'`, or `queueNow`, which answers synchronously), so that what waits for a
// commit is only what must.
//
// Decisions:
// - A batch is written when it holds `maxBatch` readings, or when its oldest submission has
//   waited `maxDelayMs` and the writer has rested after its last write (`busyShare`: a SQLite
//   write blocks the event loop, so the writer rests as long as it wrote, and batches grow with
//   the load instead of the writer taking the whole loop). All three default to the store's
//   `batching` hint. While a batch is written, the next one gathers. A submission is never
//   split, so a batch can exceed `maxBatch` by less than one submission.
// - Queued readings are copied into the columns of their batch (reading-batch.ts) at once, not
//   kept as the submitted objects: objects that wait for a batch outlive a scavenge and cost the
//   main thread their copying, promotion and marking.
// - Backpressure: at most `maxQueued` readings wait for a batch. Beyond that, `submit` waits (in
//   order) for room, however many wait: a submission is never refused for load, so nothing is
//   lost at QoS 0. The sources bound what can wait: aedes reads a connection's next chunk only
//   after every message of the last one was handled, that is acknowledged (QoS 1) or queued
//   (QoS 0), so TCP holds the rest back; the bridge takes one message at a time; and the HTTP
//   device API answers 503 while the writer is `overloaded` (more than `maxWaiting` submissions
//   waiting). Every submission resolves or rejects.
// - Readings are checked on submit, so one malformed reading (NaN, a 65-character key) is refused
//   alone instead of failing the batch, and with it every other device's readings, on each retry.
//   A failed batch (the database is gone) rejects all of its submissions; there is no retry here:
//   the devices resend what was not acknowledged.
// - After each commit, `onCommitted` listeners get the batch's readings, including repeats that
//   the store skipped as already stored, so a listener may see a reading twice.
import type { Logger } from '../lib/logger.js';
import type { Service } from '../services/service.js';
import { ReadingBatch } from './reading-batch.js';
import type { StoredReading, TelemetryStore } from './store.js';

/** Rejects submissions made while the writer is not running. */
export class TelemetryWriterStoppedError extends Error {
  override name = 'TelemetryWriterStoppedError';
}

/** Called after a batch committed, with its readings; must not throw and must not block. */
export type CommitListener = (readings: readonly StoredReading[]) => void;

/** What a TelemetryWriter needs and its limits. */
export interface TelemetryWriterOptions {
  store: TelemetryStore;
  log: Logger;
  /** Readings per batch (default: the store's hint). */
  maxBatch?: number;
  /** How long the oldest submission waits for its batch to fill (default: the store's hint). */
  maxDelayMs?: number;
  /** Most share of the time spent writing, in (0, 1] (default: the store's hint). */
  busyShare?: number;
  /** Most readings queued for a batch before `submit` waits for room (default 4 batches). */
  maxQueued?: number;
  /** Submissions waiting for room above which the writer is `overloaded` (default 10,000). */
  maxWaiting?: number;
}

/** How a submission is to be written. */
export interface SubmitOptions {
  /**
   * The submitter sends nothing more until this commits (the bridge takes one message at a
   * time), so its batch is written as soon as the writer has rested instead of waiting to fill.
   */
  alone?: boolean;
  /**
   * When `submit` resolves: after the commit of the readings' batch (default), or once they are
   * queued for a batch, for a sender that gets no acknowledgement (MQTT QoS 0). Queued readings
   * are written like the others, a failed batch is logged, and stopping flushes them; the sender
   * is only released sooner, which keeps what waits for the commit small.
   */
  until?: 'committed' | 'queued';
}

/** Whoever waits for a batch's commit. */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** A batch being gathered (the last one) or full and waiting for its write. */
interface Gathering {
  readings: ReadingBatch;
  /** Submitters to tell about the commit. */
  waiters: Waiter[];
  /** performance.now() when its first reading was queued. */
  since: number;
  /** Whether a submitter waits for it before sending more, so it is written without filling. */
  alone: boolean;
}

/** A submission waiting for room in the queue. */
interface Waiting {
  readings: readonly StoredReading[];
  alone: boolean;
  /** Told about the commit (the default). */
  waiter?: Waiter;
  /** Called once queued (`until: 'queued'`). */
  queued?: () => void;
}

// Column limits of the readings table (varchar(32) ids, varchar(64) keys).
const MAX_DEVICE_ID_LENGTH = 32;
const MAX_KEY_LENGTH = 64;

/** Says what is wrong with a reading the store could not take, or undefined when it is fine. */
export function checkStoredReading(r: StoredReading): string | undefined {
  if (typeof r.deviceId !== 'string' || r.deviceId === '') return 'deviceId is empty';
  if (r.deviceId.length > MAX_DEVICE_ID_LENGTH) return 'deviceId is too long';
  if (typeof r.key !== 'string' || r.key === '') return 'key is empty';
  if (r.key.length > MAX_KEY_LENGTH) return 'key is too long';
  if (!Number.isSafeInteger(r.ts) || r.ts < 0) return 'ts is not epoch milliseconds';
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return 'value is not finite';
  if (!Number.isSafeInteger(r.receivedAt)) return 'receivedAt is not epoch milliseconds';
  return undefined;
}

/** Batches submitted readings into store writes, one write at a time (a Service). */
export class TelemetryWriter implements Service {
  readonly name = 'telemetry-writer';
  private readonly store: TelemetryStore;
  private readonly log: Logger;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly maxQueued: number;
  private readonly maxWaiting: number;
  private readonly busyShare: number;
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  // The batches queued for writing, oldest first; only the last one may still gather.
  private batches: Gathering[] = [];
  // Readings in `batches`.
  private queued = 0;
  private waiting: Waiting[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  // performance.now() the timer is armed for.
  private timerAt = 0;
  // performance.now() before which the writer rests after its last write.
  private restUntil = 0;
  private stopped: Promise<void> | undefined;
  private readonly listeners = new Set<CommitListener>();

  constructor(options: TelemetryWriterOptions) {
    this.store = options.store;
    this.log = options.log;
    this.maxBatch = options.maxBatch ?? options.store.batching.maxBatch;
    this.maxDelayMs = options.maxDelayMs ?? options.store.batching.maxDelayMs;
    this.maxQueued = options.maxQueued ?? 4 * this.maxBatch;
    this.maxWaiting = options.maxWaiting ?? 10_000;
    this.busyShare = options.busyShare ?? options.store.batching.busyShare;
    if (!(this.busyShare > 0 && this.busyShare <= 1)) {
      throw new RangeError(`busyShare must lie in (0, 1], got ${this.busyShare}`);
    }
  }

  /** Starts accepting submissions. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('a telemetry writer starts only once');
    this.state = 'running';
  }

  /** Stops accepting submissions and resolves once everything submitted before is written. */
  stop(): Promise<void> {
    if (this.state === 'new') this.state = 'stopped';
    this.stopped ??= this.flush();
    return this.stopped;
  }

  private async flush(): Promise<void> {
    this.state = 'stopping';
    while (this.inFlight || this.batches.length > 0 || this.waiting.length > 0) {
      this.admitWaiting();
      this.pump();
      await this.inFlight;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.state = 'stopped';
  }

  /**
   * Queues readings for storage, waiting for room when the queue is full. Resolves once the batch
   * holding them is committed (or once they are queued, see `until`); rejects when that write
   * failed, when a reading is malformed (RangeError), or when the writer is not running.
   */
  submit(readings: readonly StoredReading[], options: SubmitOptions = {}): Promise<void> {
    if (this.state !== 'running') {
      return Promise.reject(new TelemetryWriterStoppedError('the telemetry writer is not running'));
    }
    for (const r of readings) {
      const problem = checkStoredReading(r);
      if (problem !== undefined) {
        return Promise.reject(new RangeError(`invalid reading ${r.deviceId}/${r.key}: ${problem}`));
      }
    }
    if (readings.length === 0) return Promise.resolve();
    const alone = options.alone === true;
    if (options.until === 'queued') {
      if (!this.hasRoom(readings.length)) {
        return new Promise((queued) => this.waiting.push({ readings, alone, queued }));
      }
      this.enqueue(readings, alone);
      this.pump();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (!this.hasRoom(readings.length)) {
        this.waiting.push({ readings, alone, waiter });
        return;
      }
      this.enqueue(readings, alone, waiter);
      this.pump();
    });
  }

  /**
   * Queues readings for a sender that gets no acknowledgement, at once and without a promise, if
   * the queue has room: true when they are queued (as `submit` with `until: 'queued'`). False,
   * with nothing queued, when they would have to wait for room, a reading is malformed, or the
   * writer is not running: `submit` then waits or says what is wrong.
   */
  queueNow(readings: readonly StoredReading[]): boolean {
    if (this.state !== 'running' || !this.hasRoom(readings.length)) return false;
    for (const r of readings) if (checkStoredReading(r) !== undefined) return false;
    if (readings.length > 0) {
      this.enqueue(readings, false);
      this.pump();
    }
    return true;
  }

  /** Calls `listener` after every commit; returns the function that unsubscribes it. */
  onCommitted(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether more than `maxWaiting` submissions wait for room: callers that can refuse should. */
  get overloaded(): boolean {
    return this.waiting.length > this.maxWaiting;
  }

  /** Readings queued or waiting for room, not yet in a batch being written. */
  get backlog(): number {
    let waiting = 0;
    for (const s of this.waiting) waiting += s.readings.length;
    return this.queued + waiting;
  }

  // Whether `count` more readings may join the queue now: none wait before them, and they fit
  // (an empty queue takes any submission, however big).
  private hasRoom(count: number): boolean {
    return (
      this.waiting.length === 0 && (this.queued === 0 || this.queued + count <= this.maxQueued)
    );
  }

  // Adds checked readings to the last batch, or to a new one when that is full.
  private enqueue(readings: readonly StoredReading[], alone: boolean, waiter?: Waiter): void {
    let last = this.batches.at(-1);
    if (last === undefined || last.readings.length >= this.maxBatch) {
      last = { readings: new ReadingBatch(), waiters: [], since: performance.now(), alone: false };
      this.batches.push(last);
    }
    for (const r of readings) last.readings.add(r);
    if (waiter) last.waiters.push(waiter);
    if (alone) last.alone = true;
    this.queued += readings.length;
  }

  // Moves waiting submissions into the queue while there is room (all of them when stopping).
  private admitWaiting(): void {
    let admitted = 0;
    for (const s of this.waiting) {
      const fits = this.queued === 0 || this.queued + s.readings.length <= this.maxQueued;
      if (!fits && this.state === 'running') break;
      this.enqueue(s.readings, s.alone, s.waiter);
      s.queued?.();
      admitted++;
    }
    if (admitted > 0) this.waiting.splice(0, admitted);
  }

  // Starts the next write when one is due (a full batch; the oldest submission waited long
  // enough, or one is `alone`, and the writer has rested; or stopping) and none is in flight;
  // otherwise arms the timer for the moment it will be due.
  private pump(): void {
    const head = this.batches[0];
    if (this.inFlight || head === undefined) return;
    const full = head.readings.length >= this.maxBatch || this.state !== 'running';
    // An armed timer is set for the head batch; only being full (or stopping) or `alone` makes it
    // due sooner. (This spares a clock read per queued message.)
    if (this.timer && !full && !head.alone) return;
    const now = performance.now();
    const filled = head.alone ? now : head.since + this.maxDelayMs;
    const wait = Math.max(filled - now, this.restUntil - now);
    // A timer may fire a fraction of a millisecond early by this clock.
    const due = full || wait < 1;
    if (!due) {
      // An `alone` submission can make the batch due sooner than the armed timer.
      if (this.timer && this.timerAt <= now + wait) return;
      clearTimeout(this.timer);
      this.timerAt = now + wait;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batches.shift();
    this.queued -= head.readings.length;
    this.admitWaiting();
    this.inFlight = this.write(head).then(() => {
      const end = performance.now();
      this.restUntil = end + (end - now) * (1 / this.busyShare - 1);
      this.inFlight = null;
      this.pump();
    });
  }

  // Never rejects: the outcome goes to the batch's waiters.
  private async write({ readings, waiters }: Gathering): Promise<void> {
    try {
      await this.store.writeBatch(readings);
    } catch (err) {
      this.log.error(
        { err, readings: readings.length, waiting: waiters.length },
        'telemetry batch failed: none of it was stored, and nothing of it was acknowledged',
      );
      for (const w of waiters) w.reject(err);
      return;
    }
    for (const w of waiters) w.resolve();
    if (this.listeners.size === 0) return;
    const committed = readings.toReadings();
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch (err) {
        this.log.error({ err }, 'telemetry commit listener failed');
      }
    }
  }
}

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

interface Submission {
  readings: readonly StoredReading[];
  /** performance.now() at submit. */
  queuedAt: number;
  alone: boolean;
  resolve(): void;
  reject(error: unknown): void;
  /** Called when the submission enters the queue (for `until: 'queued'`). */
  queued?: () => void;
}

const ignore = () => undefined;

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
  private queue: Submission[] = [];
  private queued = 0;
  private waiting: Submission[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  // performance.now() the timer is armed for.
  private timerAt = 0;
  // performance.now() before which the writer rests after its last write.
  private restUntil = 0;
  // Submissions in the queue whose submitter waits for them before sending more.
  private alone = 0;
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
    while (this.inFlight || this.queue.length > 0 || this.waiting.length > 0) {
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
    if (options.until === 'queued' && this.hasRoom(readings.length)) {
      this.enqueueNow(readings, alone);
      return Promise.resolve();
    }
    const submission = this.submission(readings, alone);
    return new Promise<void>((resolve, reject) => {
      if (options.until === 'queued') submission.queued = resolve;
      else {
        submission.resolve = resolve;
        submission.reject = reject;
      }
      if (this.hasRoom(readings.length)) {
        this.enqueue(submission);
        this.pump();
      } else {
        this.waiting.push(submission);
      }
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
    if (readings.length > 0) this.enqueueNow(readings, false);
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

  // A submission settled by nobody until `submit` says otherwise.
  private submission(readings: readonly StoredReading[], alone: boolean): Submission {
    return { readings, queuedAt: performance.now(), alone, resolve: ignore, reject: ignore };
  }

  // Queues checked readings whose submitter is already released, and writes when that is due.
  private enqueueNow(readings: readonly StoredReading[], alone: boolean): void {
    this.enqueue(this.submission(readings, alone));
    this.pump();
  }

  private enqueue(submission: Submission): void {
    submission.queued?.();
    this.queue.push(submission);
    if (submission.alone) this.alone++;
    this.queued += submission.readings.length;
  }

  // Moves waiting submissions into the queue while there is room (all of them when stopping).
  private admitWaiting(): void {
    let admitted = 0;
    for (const s of this.waiting) {
      const fits = this.queued === 0 || this.queued + s.readings.length <= this.maxQueued;
      if (!fits && this.state === 'running') break;
      this.enqueue(s);
      admitted++;
    }
    if (admitted > 0) this.waiting.splice(0, admitted);
  }

  // Starts the next write when one is due (a full batch; the oldest submission waited long
  // enough, or one is `alone`, and the writer has rested; or stopping) and none is in flight;
  // otherwise arms the timer for the moment it will be due.
  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const now = performance.now();
    const filled = this.alone > 0 ? now : this.queue[0]!.queuedAt + this.maxDelayMs;
    const wait = Math.max(filled - now, this.restUntil - now);
    // A timer may fire a fraction of a millisecond early by this clock.
    const due = this.queued >= this.maxBatch || wait < 1 || this.state !== 'running';
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
    const { submissions, readings } = this.takeBatch();
    this.admitWaiting();
    this.inFlight = this.write(submissions, readings).then(() => {
      const end = performance.now();
      this.restUntil = end + (end - now) * (1 / this.busyShare - 1);
      this.inFlight = null;
      this.pump();
    });
  }

  private takeBatch(): { submissions: Submission[]; readings: StoredReading[] } {
    let count = 0;
    let taken = 0;
    while (taken < this.queue.length && count < this.maxBatch) {
      count += this.queue[taken]!.readings.length;
      taken++;
    }
    const submissions = this.queue.splice(0, taken);
    this.queued -= count;
    for (const s of submissions) if (s.alone) this.alone--;
    const readings = new Array<StoredReading>(count);
    let i = 0;
    for (const s of submissions) for (const r of s.readings) readings[i++] = r;
    return { submissions, readings };
  }

  // Never rejects: the outcome goes to the batch's submissions.
  private async write(submissions: Submission[], readings: StoredReading[]): Promise<void> {
    try {
      await this.store.writeBatch(readings);
    } catch (err) {
      this.log.error(
        { err, readings: readings.length, submissions: submissions.length },
        'telemetry batch failed; its messages stay unacknowledged',
      );
      for (const s of submissions) s.reject(err);
      return;
    }
    for (const s of submissions) s.resolve();
    for (const listener of this.listeners) {
      try {
        listener(readings);
      } catch (err) {
        this.log.error({ err }, 'telemetry commit listener failed');
      }
    }
  }
}

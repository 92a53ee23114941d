// Telemetry retention: raw readings older than `rawDays` and rollups older than `rollupDays` are
// deleted, once shortly after start and then every hour. Deletes run in small batches with a
// yield to the event loop between them, so that the telemetry writer is never held up for long.
//
// Boundary: a row is deleted when its time lies strictly before the cutoff (now − days); a raw
// reading exactly at the cutoff, or a rollup whose minute starts exactly at it, is kept.
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Service } from '../services/service.js';
import type { TelemetryStore } from './store.js';

const DAY_MS = 86_400_000;

/** What the retention service needs and how often it runs. */
export interface TelemetryRetentionOptions {
  store: TelemetryStore;
  clock: Clock;
  log: Logger;
  /** Days raw readings are kept (NAHBAR_TELEMETRY_RAW_DAYS). */
  rawDays: number;
  /** Days per-minute rollups are kept (NAHBAR_TELEMETRY_ROLLUP_DAYS). */
  rollupDays: number;
  /** Time between runs (default one hour). */
  intervalMs?: number;
  /** Time from start to the first run (default one minute, so that restarts do not skip runs). */
  firstRunDelayMs?: number;
  /** Most rows one delete statement removes (default 5,000). */
  batchSize?: number;
}

/** What one run deleted. */
export interface RetentionResult {
  raw: number;
  rollups: number;
}

/** The cutoffs for a run at `now`: rows with a time before them are deleted. */
export function retentionCutoffs(
  now: number,
  rawDays: number,
  rollupDays: number,
): { raw: number; rollups: number } {
  return { raw: now - rawDays * DAY_MS, rollups: now - rollupDays * DAY_MS };
}

/** Deletes old telemetry on a timer (a Service). */
export class TelemetryRetention implements Service {
  readonly name = 'telemetry-retention';
  private readonly intervalMs: number;
  private readonly firstRunDelayMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(private readonly options: TelemetryRetentionOptions) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.firstRunDelayMs = options.firstRunDelayMs ?? 60_000;
    this.batchSize = options.batchSize ?? 5_000;
  }

  /** Schedules the first run; later runs follow every `intervalMs` after the previous one ends. */
  async start(): Promise<void> {
    this.stopping = false;
    this.schedule(this.firstRunDelayMs);
  }

  /** Cancels the timer and waits for a run in progress, which stops after its current batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Deletes everything older than the cutoffs at `now`; resolves with the rows deleted. */
  async runOnce(now = this.options.clock.now()): Promise<RetentionResult> {
    const { store, rawDays, rollupDays } = this.options;
    const cutoffs = retentionCutoffs(now, rawDays, rollupDays);
    const options = { batchSize: this.batchSize, between: () => this.yieldToWriters() };
    const raw = await store.deleteRawBefore(cutoffs.raw, options);
    const rollups = this.stopping ? 0 : await store.deleteRollupsBefore(cutoffs.rollups, options);
    return { raw, rollups };
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const run = this.runOnce().then(
        (deleted) => {
          if (deleted.raw > 0 || deleted.rollups > 0) {
            this.options.log.info(deleted, 'telemetry retention deleted old rows');
          }
        },
        (err: unknown) => this.options.log.error({ err }, 'telemetry retention failed'),
      );
      this.running = run;
      void run.then(() => {
        this.running = null;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  // Between two delete statements: let the event loop (and the writer) run, and stop if asked.
  private async yieldToWriters(): Promise<boolean> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return !this.stopping;
  }
}

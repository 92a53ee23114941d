// `npx tsx bench/telemetry.ts`: telemetry storage on SQLite (a file in a temp dir, WAL and
// fsync real) and then PostgreSQL (127.0.0.1:5432, NAHBAR_TEST_POSTGRES_URL), through the
// TelemetryWriter as the broker will use it: messages of 2 keys from many devices.
// - flood: as fast as the writer takes them, with at most 10,000 messages unacknowledged;
// - paced: 30,000 messages (60,000 readings) a second, the target, with the share of the event
//   loop the pipeline used and the time from submit to commit;
// - charts: a day of 1 Hz data (from rollups) and an hour (raw), p50/p95.
// Options: `--dialect=sqlite|postgres`, `--seconds=N` per run (default 10), `--devices=N`
// (default 1,000), `--batch=N`, `--delay=MS` and `--busy=SHARE` to override the store's
// batching hint.
import { performance } from 'node:perf_hooks';
import type { DeviceId } from '../shared/ids.js';
import { createLogger } from '../server/lib/logger.js';
import { loadChartSeries } from '../server/telemetry/series.js';
import { ReadingBatch } from '../server/telemetry/reading-batch.js';
import { createTelemetryStore } from '../server/telemetry/store.js';
import type { StoredReading, TelemetryStore } from '../server/telemetry/store.js';
import { TelemetryWriter } from '../server/telemetry/writer.js';
import { insertDevices } from '../server/test/telemetry.js';
import { BENCH_DIALECTS, openBenchDatabase } from './lib/memory-seed.js';
import type { BenchDialect } from './lib/memory-seed.js';
import { quantile, round } from './lib/stats.js';

function argument(name: string): string | undefined {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  return flag?.slice(name.length + 3);
}
function numberArgument(name: string): number | undefined {
  const value = argument(name);
  return value === undefined ? undefined : Number(value);
}

const TARGET_MESSAGES_PER_SECOND = 30_000;
const KEYS = ['temp', 'hum'] as const;
const DEVICES = numberArgument('devices') ?? 1_000;
const SECONDS = numberArgument('seconds') ?? 10;
// Messages unacknowledged at once in the flood run (1,000 devices with 10 in flight each).
const IN_FLIGHT = 10_000;
const CHUNK = 2_500;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 1);

/** Message `i`: every device in turn, each sending 30 messages a second of device time. */
function message(devices: readonly DeviceId[], i: number, start: number): StoredReading[] {
  const deviceId = devices[i % devices.length]!;
  const ts = start + Math.floor((Math.floor(i / devices.length) * 1000) / 30);
  return KEYS.map((key, k) => ({
    deviceId,
    key,
    ts,
    value: 20 + k * 20 + Math.sin(i / 1000),
    receivedAt: ts,
  }));
}

/** The store with the size and duration of every batch written through it recorded. */
function timedStore(store: TelemetryStore): { store: TelemetryStore; batches: number[][] } {
  const batches: number[][] = [];
  const timed = Object.create(store) as TelemetryStore;
  timed.writeBatch = async (readings) => {
    const began = performance.now();
    const inserted = await store.writeBatch(readings);
    batches.push([readings.length, performance.now() - began]);
    return inserted;
  };
  return { store: timed, batches };
}

function batchLine(batches: number[][]): string {
  const sizes = batches.map((b) => b[0]!);
  const times = batches.map((b) => b[1]!);
  return (
    `${batches.length} batches, median ${Math.round(quantile(sizes, 0.5))} readings;` +
    ` write ${round(quantile(times, 0.5))} ms median, ${round(Math.max(...times))} ms max`
  );
}

function startWriter(store: TelemetryStore): TelemetryWriter {
  return new TelemetryWriter({
    store,
    log: createLogger('warn'),
    maxBatch: numberArgument('batch'),
    maxDelayMs: numberArgument('delay'),
    busyShare: numberArgument('busy'),
  });
}

async function floodRun(untimed: TelemetryStore, devices: readonly DeviceId[]): Promise<string> {
  const { store, batches } = timedStore(untimed);
  const writer = startWriter(store);
  await writer.start();
  const messages = TARGET_MESSAGES_PER_SECOND * SECONDS;
  const began = performance.now();
  const chunks: Promise<unknown>[] = [];
  for (let i = 0; i < messages; i += CHUNK) {
    const submits: Promise<void>[] = [];
    for (let m = i; m < Math.min(i + CHUNK, messages); m++) {
      submits.push(writer.submit(message(devices, m, START)));
    }
    chunks.push(Promise.all(submits));
    if (chunks.length * CHUNK >= IN_FLIGHT) await chunks.shift();
  }
  await Promise.all(chunks);
  await writer.stop();
  const rate = (messages * KEYS.length) / ((performance.now() - began) / 1000);
  return `flood: ${Math.round(rate)} readings/s; ${batchLine(batches)}`;
}

async function pacedRun(untimed: TelemetryStore, devices: readonly DeviceId[]): Promise<string> {
  const { store, batches } = timedStore(untimed);
  const writer = startWriter(store);
  await writer.start();
  const messages = TARGET_MESSAGES_PER_SECOND * SECONDS;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let sent = 0;
  let refused = 0;
  const loopBefore = performance.eventLoopUtilization();
  const began = performance.now();
  while (sent < messages) {
    const due = Math.min(
      messages,
      Math.floor(((performance.now() - began) / 1000) * TARGET_MESSAGES_PER_SECOND),
    );
    for (; sent < due; sent++) {
      const submitted = performance.now();
      pending.push(
        writer.submit(message(devices, sent, START + DAY_MS)).then(
          () => void latencies.push(performance.now() - submitted),
          () => void refused++,
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const offeredFor = (performance.now() - began) / 1000;
  await Promise.all(pending);
  const drained = (performance.now() - began) / 1000 - offeredFor;
  const loop = performance.eventLoopUtilization(loopBefore);
  await writer.stop();
  return (
    `paced: ${TARGET_MESSAGES_PER_SECOND * KEYS.length} readings/s offered for` +
    ` ${round(offeredFor)} s, ${refused} messages refused (queue full), last commit` +
    ` ${Math.round(drained * 1000)} ms after the last submit; event loop` +
    ` ${Math.round(loop.utilization * 100)} % busy; submit to commit` +
    ` ${round(quantile(latencies, 0.5))} ms median, ${round(quantile(latencies, 0.99))} ms p99;` +
    ` ${batchLine(batches)}`
  );
}

async function chartRun(store: TelemetryStore, deviceId: DeviceId): Promise<string[]> {
  for (let s = 0; s < 86_400; s += 5_000) {
    const readings: StoredReading[] = [];
    for (let t = s; t < Math.min(s + 5_000, 86_400); t++) {
      // A slow wave with one spike.
      const value = t === 50_000 ? 500 : 50 + 10 * Math.sin(t / 3_600);
      readings.push({ deviceId, key: 'temp', ts: START + t * 1000, value, receivedAt: 0 });
    }
    await store.writeBatch(ReadingBatch.of(readings));
  }
  const lines: string[] = [];
  for (const [label, from, span] of [
    ['24 h (1,440 rollups)', START, DAY_MS],
    ['1 h (3,600 raw)', START + 49_000_000, 3_600_000],
  ] as const) {
    const times: number[] = [];
    let points = 0;
    let spike = false;
    for (let i = 0; i < 60; i++) {
      const began = performance.now();
      const series = await loadChartSeries(store, { deviceId, key: 'temp', from, to: from + span });
      times.push(performance.now() - began);
      points = series.length;
      spike = series.some((p) => p[3] === 500);
    }
    // The first 10 warm up statement caches and the JIT.
    const q = (x: number) => round(quantile(times.slice(10), x), 2);
    lines.push(
      `chart ${label}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, ${points} points,` +
        ` spike kept: ${spike}`,
    );
  }
  return lines;
}

async function run(dialect: BenchDialect): Promise<void> {
  const bench = await openBenchDatabase(dialect);
  try {
    const store = createTelemetryStore(bench.db);
    const devices = await insertDevices(bench.db, DEVICES);
    console.log(`${dialect}, ${DEVICES} devices: ${await floodRun(store, devices)}`);
    console.log(`${dialect}, ${DEVICES} devices: ${await pacedRun(store, devices)}`);
    const [chartDevice] = await insertDevices(bench.db, 1);
    for (const line of await chartRun(store, chartDevice!)) console.log(`${dialect}: ${line}`);
  } finally {
    await bench.destroy();
  }
}

const only = argument('dialect');
for (const dialect of BENCH_DIALECTS) {
  if (only === undefined || only === dialect) await run(dialect);
}

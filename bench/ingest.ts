// `npm run bench:ingest` (issue 4): live machine data end to end, against Nahbar as a child process
// (built dist, SQLite by default) inside the loopback-only namespace.
// - Sustained ingest: 100 devices publish one-key ThingsBoard messages over MQTT as fast as their
//   windows allow, at QoS 0 and QoS 1; readings committed per second. Beside it, in the same run
//   and with the same generator, a bare aedes broker process that stores nothing (broker-only).
//   Phases alternate, `--rounds` times each; medians are reported.
// - Publish → browser latency: 500 devices (100 machines × 5) at 1 Hz, watched by a real Chromium
//   over EventSource on some machines' live endpoint.
// - Chart query: a day of 1 Hz data (86,400 readings of one key) over HTTP, p95.
// The last line printed is one JSON object with the figures.
// Options:
// - `--dialect=sqlite|postgres`: PostgreSQL is a fresh database created through
//   NAHBAR_TEST_POSTGRES_URL; inside the loopback namespace reach it by its Unix socket
//   (`postgres://postgres@localhost/test?host=/var/run/postgresql`);
// - `--part=throughput|latency|chart` (default: all);
// - throughput: `--seconds=10`, `--warmup=2`, `--rounds=3`, `--devices=100`, `--generators=0`
//   (worker threads for the generator), `--qos1-window=100`, `--sync-every=100`, `--sync-window=3`
//   (at QoS 0 at most sync-every × sync-window messages per device are in flight; 500 overflow
//   the PostgreSQL writer's queue, see docs/PERFORMANCE.md);
// - latency: `--latency-seconds=30`, `--fleet=100x5` (machines × devices), `--watch=20` machines;
// - `--cpu-prof`: profiles the Nahbar process (the profile's folder is printed at the end);
// - `--node-args="…"`: more Node options for the Nahbar process, space-separated (e.g.
//   `--node-args="--trace-gc"`, whose lines go to its log file, printed at the end).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../e2e/harness/browser.js';
import { freePort } from '../server/test/ports.js';
import { startBareBroker } from './lib/bare-broker.js';
import type { BareBroker } from './lib/bare-broker.js';
import { measureChartQuery } from './lib/ingest-chart.js';
import type { ChartResult } from './lib/ingest-chart.js';
import { runFleetLatency } from './lib/ingest-latency.js';
import type { FleetLatencyResult } from './lib/ingest-latency.js';
import { connectGenerator } from './lib/ingest-generator.js';
import { PHASE_TS_SPAN, runLoadPhase } from './lib/ingest-load.js';
import type { LoadPool, PhaseResult, PhaseTarget } from './lib/ingest-load.js';
import { openIngestDatabase, seedIngest } from './lib/ingest-seed.js';
import type { IngestDatabase, IngestSeed } from './lib/ingest-seed.js';
import { BENCH_DIALECTS } from './lib/memory-seed.js';
import { startNahbarProcess, tempDataDir } from './lib/nahbar-process.js';
import type { NahbarProcess } from './lib/nahbar-process.js';
import { round } from './lib/stats.js';

function argument(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
function numberArgument(name: string, fallback: number): number {
  const value = argument(name);
  return value === undefined ? fallback : Number(value);
}

const dialect = BENCH_DIALECTS.find((d) => d === (argument('dialect') ?? 'sqlite'));
if (!dialect) throw new Error(`--dialect must be one of ${BENCH_DIALECTS.join(', ')}`);
const part = argument('part') ?? 'all';
const runs = (name: string) => part === 'all' || part === name;
const SECONDS = numberArgument('seconds', 10);
const WARMUP = numberArgument('warmup', 2);
const ROUNDS = numberArgument('rounds', 3);
const DEVICES = numberArgument('devices', 100);
// Worker threads of the load generator (0: the benchmark's own event loop).
const GENERATORS = numberArgument('generators', 0);
// The latency run's fleet, machines × devices each (`--fleet=100x5`).
const [FLEET_MACHINES, FLEET_DEVICES] = (argument('fleet') ?? '100x5').split('x').map(Number) as [
  number,
  number,
];
// Devices per machine of the throughput runs (the live hub is idle there: nobody watches).
const LOAD_DEVICES_PER_MACHINE = 5;
const LATENCY_SECONDS = numberArgument('latency-seconds', 30);
const WATCH = numberArgument('watch', 20);
const WINDOW = {
  qos1Window: numberArgument('qos1-window', 100),
  syncEvery: numberArgument('sync-every', 100),
  syncWindow: numberArgument('sync-window', 3),
};
const NODE_ARGS = (argument('node-args') ?? '').split(' ').filter((a) => a !== '');
const cpuProfDir = process.argv.includes('--cpu-prof')
  ? fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-ingest-prof-'))
  : null;

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
const loadAverage = () => os.loadavg().map((l) => round(l, 2));

function phaseLine(r: PhaseResult): string {
  return (
    `${r.target} QoS ${r.qos}: ${Math.round(r.rate)} msgs/s (${r.counted} in ${round(r.seconds, 2)} s,` +
    ` drain ${Math.round(r.drainMs)} ms; published ${r.published}, missing ${r.missing});` +
    ` cores: server ${round(r.serverCores, 2)}, generator ${round(r.generatorCores, 2)}` +
    ` (event loop ${Math.round(r.generatorLoop * 100)} %); load ${round(r.load1, 2)}` +
    (r.errors.length > 0 ? `; errors ${r.errors.length}: ${r.errors.slice(0, 3).join('; ')}` : '')
  );
}

/** How many lines Nahbar logged, and the most frequent messages with their counts. */
function summarizeLog(file: string): { total: number; top: string[] } {
  const counts = new Map<string, number>();
  let total = 0;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    total++;
    let message = line.slice(0, 80);
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      message = `${entry.msg ?? '?'}${entry.err?.message ? ` (${entry.err.message})` : ''}`;
    } catch {
      // Not JSON: keep the start of the line.
    }
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4);
  return { total, top: top.map(([message, n]) => `${n}× ${message}`) };
}

/** The count of readings the load devices stored in one phase's device-time range. */
function nahbarTarget(bench: IngestDatabase, seed: IngestSeed, pid: number): PhaseTarget {
  const ids = seed.loadDevices.map((d) => d.deviceId);
  return {
    name: 'nahbar',
    pid,
    countsPhaseOnly: true,
    async count(phaseTs) {
      const row = await bench.db
        .selectFrom('readings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('device_id', 'in', ids)
        .where('key', '=', 'temp')
        .where('ts', '>=', phaseTs)
        .where('ts', '<', phaseTs + PHASE_TS_SPAN)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function bareTarget(bare: BareBroker): PhaseTarget {
  return {
    name: 'broker-only',
    pid: bare.pid,
    countsPhaseOnly: false,
    count: () => bare.published(),
  };
}

async function runThroughput(
  nahbar: { pool: LoadPool; target: PhaseTarget },
  bare: { pool: LoadPool; target: PhaseTarget },
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  let phase = 0;
  const run = async (side: typeof nahbar, qos: 0 | 1) => {
    const result = await runLoadPhase(side.pool, side.target, {
      qos,
      phase: phase++,
      warmupMs: WARMUP * 1000,
      measureMs: SECONDS * 1000,
    });
    log(phaseLine(result));
    results.push(result);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await run(bare, 0);
    await run(nahbar, 0);
    await run(nahbar, 1);
    await run(bare, 1);
  }
  return results;
}

/** Every phase's rate of a target at `qos`, in run order. */
function ratesOf(results: PhaseResult[], target: string, qos: 0 | 1): number[] {
  return results.filter((r) => r.target === target && r.qos === qos).map((r) => Math.round(r.rate));
}

/** The median rate of a target's phases at `qos` (the mean of the middle two for an even count). */
function medianRate(results: PhaseResult[], target: string, qos: 0 | 1): number {
  const rates = ratesOf(results, target, qos).sort((a, b) => a - b);
  if (rates.length === 0) return Number.NaN;
  const middle = (rates.length - 1) / 2;
  return Math.round((rates[Math.floor(middle)]! + rates[Math.ceil(middle)]!) / 2);
}

const loadAtStart = loadAverage();
log(`dialect ${dialect}; load average ${loadAtStart.join(' ')}`);
const dataDir = tempDataDir();
const bench = await openIngestDatabase(dialect, dataDir);
const chartEnd = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const seed = await seedIngest(bench.db, {
  loadDevices: DEVICES,
  fleetMachines: FLEET_MACHINES,
  fleetDevicesPerMachine: FLEET_DEVICES,
  loadDevicesPerMachine: LOAD_DEVICES_PER_MACHINE,
  chartEnd,
});
log(
  `seeded ${DEVICES} load devices, ${FLEET_MACHINES}×${FLEET_DEVICES} fleet devices, a chart day;` +
    ' one reading per message, so msgs/s = readings/s',
);
const mqttPort = await freePort();
// Nahbar's own log (warnings and errors, JSON lines), kept when it holds anything.
const nahbarLog = path.join(os.tmpdir(), `nahbar-ingest-${process.pid}.log`);
let nahbar: NahbarProcess | undefined;
let bare: BareBroker | undefined;
const pools: LoadPool[] = [];
let throughput: PhaseResult[] = [];
let latency: FleetLatencyResult | undefined;
let chart: ChartResult | undefined;
let chartLoaded: ChartResult | undefined;
try {
  nahbar = await startNahbarProcess(
    dataDir,
    { NAHBAR_MQTT_PORT: String(mqttPort), ...bench.env },
    {
      nodeArgs: [
        ...NODE_ARGS,
        ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
      ],
      logFile: nahbarLog,
    },
  );
  const server = nahbar;
  const chartQuery = () =>
    measureChartQuery({
      url: server.url,
      cookie: seed.cookie,
      machineId: seed.chart.machineId,
      end: seed.chart.end,
      warmup: 10,
      runs: 100,
    });
  if (runs('chart')) {
    chart = await chartQuery();
    log(
      `chart 24 h, idle: p50 ${chart.p50} ms, p95 ${chart.p95} ms, ${chart.points} points, spike kept ${chart.spikeKept}`,
    );
  }
  if (runs('throughput')) {
    bare = await startBareBroker(await freePort());
    const barePool = await connectGenerator(bare.port, seed.loadDevices, WINDOW, GENERATORS);
    const nahbarPool = await connectGenerator(mqttPort, seed.loadDevices, WINDOW, GENERATORS);
    pools.push(barePool, nahbarPool);
    throughput = await runThroughput(
      { pool: nahbarPool, target: nahbarTarget(bench, seed, server.pid) },
      { pool: barePool, target: bareTarget(bare) },
    );
    await Promise.all(pools.map((p) => p.close()));
    pools.length = 0;
    await bare.stop();
    bare = undefined;
  }
  if (runs('latency')) {
    const browser = await launchBrowser();
    try {
      latency = await runFleetLatency({
        browser,
        url: server.url,
        mqttPort,
        serverPid: server.pid,
        cookie: seed.cookie,
        fleet: seed.fleet,
        watch: WATCH,
        perContext: 5,
        warmupMs: 5_000,
        measureMs: LATENCY_SECONDS * 1000,
        whileLoaded: async () => {
          chartLoaded = await chartQuery();
        },
      });
    } finally {
      await browser.close();
    }
    log(
      `browser latency (${latency.devices} devices at 1 Hz, ${latency.watchedMachines} machines watched in ` +
        `${latency.contexts} contexts): p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, ` +
        `max ${latency.max} ms over ${latency.samples} readings, ${latency.missing} missing; server ${latency.serverCores} cores`,
    );
    if (chartLoaded)
      log(`chart 24 h, fleet publishing: p50 ${chartLoaded.p50} ms, p95 ${chartLoaded.p95} ms`);
  }
} finally {
  await Promise.all(pools.map((p) => p.close()));
  await bare?.stop();
  await nahbar?.stop();
  await bench.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (cpuProfDir) log(`CPU profile of the Nahbar process: ${cpuProfDir}`);
const logged = summarizeLog(nahbarLog);
if (logged.total > 0) {
  log(`Nahbar logged ${logged.total} warnings and errors (${nahbarLog}): ${logged.top.join('; ')}`);
} else {
  fs.rmSync(nahbarLog, { force: true });
}

const storedQos0 = medianRate(throughput, 'nahbar', 0);
const brokerOnly = medianRate(throughput, 'broker-only', 0);
const cpus = os.cpus();
console.log(
  JSON.stringify({
    bench: 'ingest',
    stored_qos0_msgs_s: storedQos0,
    stored_qos1_msgs_s: medianRate(throughput, 'nahbar', 1),
    broker_only_msgs_s: brokerOnly,
    ratio: round(storedQos0 / brokerOnly, 2),
    browser_p50_ms: latency?.p50 ?? null,
    browser_p99_ms: latency?.p99 ?? null,
    chart_day_p95_ms: chart?.p95 ?? null,
    broker_only_qos1_msgs_s: medianRate(throughput, 'broker-only', 1),
    stored_qos0_runs: ratesOf(throughput, 'nahbar', 0),
    stored_qos1_runs: ratesOf(throughput, 'nahbar', 1),
    broker_only_runs: ratesOf(throughput, 'broker-only', 0),
    broker_only_qos1_runs: ratesOf(throughput, 'broker-only', 1),
    readings_per_message: 1,
    fleet: `${FLEET_MACHINES}x${FLEET_DEVICES}`,
    watched_machines: latency?.watchedMachines ?? null,
    devices: DEVICES,
    generator_threads: GENERATORS,
    rounds: ROUNDS,
    phase_seconds: SECONDS,
    stored_missing: throughput
      .filter((r) => r.target === 'nahbar')
      .reduce((s, r) => s + r.missing, 0),
    browser_p95_ms: latency?.p95 ?? null,
    browser_samples: latency?.samples ?? null,
    browser_missing: latency?.missing ?? null,
    chart_day_p50_ms: chart?.p50 ?? null,
    chart_day_p95_fleet_publishing_ms: chartLoaded?.p95 ?? null,
    dialect,
    date: new Date().toISOString(),
    machine: `${cpus.length} cores, ${cpus[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    load_start: loadAtStart,
    load_end: loadAverage(),
    nahbar_log_lines: logged.total,
  }),
);

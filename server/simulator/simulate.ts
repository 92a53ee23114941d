// The machine data simulator behind `npm run simulate`: reads its options, provisions the demo
// fleet, and lets the Simulator (simulator.ts) publish until a duration passes or the run is
// aborted (Ctrl-C). The console belongs to main.ts; the command prints through the `print`
// function it is given.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { openDatabase } from '../db/database.js';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import { DeviceDirectory } from '../machines/device-auth.js';
import { provisionDemoFleet } from './demo-fleet.js';
import type { DemoMachine } from './demo-fleet.js';
import { Simulator, SimulatorError, mqttTargetOf } from './simulator.js';
import type { MqttTarget, SimulatorStats } from './simulator.js';
import { DEFAULT_ANOMALY_PER_SECOND } from './wunderbar.js';

/** How to call the simulator, printed with every argument error. */
export const SIMULATE_USAGE = `Usage: npm run simulate -- [--machines N] [--rate R] [--anomaly P] [--duration S] [--seed N]
  --machines N   demo machines, 1–50 (default 3)
  --rate R       messages per second per device, 0.1–100 (default 1)
  --anomaly P    chance per second that a vibration anomaly starts, 0–1 (default ${DEFAULT_ANOMALY_PER_SECOND})
  --duration S   stop after S seconds (default: run until Ctrl-C)
  --seed N       seed of the simulated data (default 1)
Publishes to the broker Nahbar uses: NAHBAR_MQTT_PORT (embedded) or NAHBAR_MQTT_URL (external).`;

/** The simulator's options; the schema checks them at the command line. */
export const simulateOptionsSchema = z.object({
  machines: z.coerce.number().int().min(1).max(50).default(3),
  rate: z.coerce.number().min(0.1).max(100).default(1),
  anomaly: z.coerce.number().min(0).max(1).default(DEFAULT_ANOMALY_PER_SECOND),
  duration: z.coerce.number().positive().max(31_536_000).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
});
/** What to simulate: machines, messages per second per device, anomaly chance, duration, seed. */
export type SimulateOptions = z.infer<typeof simulateOptionsSchema>;

/** The outcome of reading the command line. */
export type SimulateArgs =
  | { kind: 'run'; options: SimulateOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string };

/** Reads `--machines`, `--rate`, `--anomaly`, `--duration` and `--seed` (as in SIMULATE_USAGE). */
export function parseSimulateArgs(argv: string[]): SimulateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        machines: { type: 'string' },
        rate: { type: 'string' },
        anomaly: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    return { kind: 'invalid', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  const parsed = simulateOptionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', message: `--${String(issue?.path[0])}: ${issue?.message}` };
  }
  return { kind: 'run', options: parsed.data };
}

/** Expected seconds between a device's messages at `rate` messages per second. */
export function expectedIntervalFor(rate: number): number {
  return Math.max(1, Math.ceil(1 / rate));
}

/** What runSimulation needs. */
export interface SimulationProps {
  db: Db;
  clock: Clock;
  /** The process's device directory, which forgets the rotated tokens. */
  directory: DeviceDirectory;
  target: MqttTarget;
  options: SimulateOptions;
  /** Ends the run early (Ctrl-C). */
  signal?: AbortSignal;
  /** Called once every device is connected and publishing. */
  onStarted?: (fleet: DemoMachine[], simulator: Simulator) => void;
}

/** What a finished run did. */
export interface SimulationResult {
  fleet: DemoMachine[];
  stats: SimulatorStats;
}

/**
 * Provisions the demo fleet, publishes until `options.duration` seconds have passed or `signal`
 * aborts, then stops cleanly (outstanding messages are given a few seconds to be acknowledged).
 */
export async function runSimulation(props: SimulationProps): Promise<SimulationResult> {
  const { options, signal } = props;
  const fleet = await provisionDemoFleet(props.db, props.clock, props.directory, {
    machines: options.machines,
    expectedIntervalSeconds: expectedIntervalFor(options.rate),
  });
  const simulator = new Simulator({
    fleet,
    target: props.target,
    rate: options.rate,
    anomalyPerSecond: options.anomaly,
    seed: options.seed,
    clock: props.clock,
  });
  if (signal?.aborted) return { fleet, stats: simulator.stats };
  await simulator.start();
  try {
    props.onStarted?.(fleet, simulator);
    await untilDoneOrAborted(options.duration, signal);
  } finally {
    await simulator.stop();
  }
  return { fleet, stats: simulator.stats };
}

function untilDoneOrAborted(seconds: number | undefined, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = seconds === undefined ? undefined : setTimeout(finish, seconds * 1000);
    signal?.addEventListener('abort', finish, { once: true });
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
  });
}

// How often the command prints its progress.
const PROGRESS_INTERVAL_MS = 10_000;

/** What the command prints with and how it is stopped. */
export interface SimulateCommandIo {
  print(line: string): void;
  signal: AbortSignal;
}

/** The `simulate` command: opens the configured database, runs, and reports on `io.print`. */
export async function runSimulateCommand(
  config: Config,
  options: SimulateOptions,
  io: SimulateCommandIo,
): Promise<void> {
  const target = mqttTargetOf(config.telemetry.mqtt);
  const { database } = config;
  if (
    database.dialect === 'sqlite' &&
    database.file !== ':memory:' &&
    !fs.existsSync(database.file)
  ) {
    throw new SimulatorError(
      `There is no database at ${database.file} yet. Start Nahbar (npm start), create the owner ` +
        'account with the setup link it prints, then run the simulator.',
    );
  }
  const db = openDatabase(database);
  let progress: NodeJS.Timeout | undefined;
  try {
    const { stats } = await runSimulation({
      db,
      clock: systemClock,
      directory: new DeviceDirectory(db),
      target,
      options,
      signal: io.signal,
      onStarted: (fleet, simulator) => {
        printSummary(io, config.publicUrl, target, fleet, options);
        let previous = simulator.stats;
        progress = setInterval(() => {
          const now = simulator.stats;
          io.print(progressLine(previous, now));
          previous = now;
        }, PROGRESS_INTERVAL_MS);
      },
    });
    io.print(
      `Stopped: ${stats.sent} sent, ${stats.acknowledged} acknowledged` +
        (stats.failed > 0 ? `, ${stats.failed} failed` : '') +
        '.',
    );
  } finally {
    clearInterval(progress);
    await db.destroy();
  }
}

function printSummary(
  io: SimulateCommandIo,
  publicUrl: string,
  target: MqttTarget,
  fleet: DemoMachine[],
  options: SimulateOptions,
): void {
  const devices = fleet.reduce((n, m) => n + m.devices.length, 0);
  io.print(
    `Simulating ${fleet.length} machine(s), ${devices} devices, ${options.rate} msg/s each, ` +
      `→ ${target.url}`,
  );
  for (const machine of fleet) {
    io.print(
      `  ${machine.name} · ${machine.companyName} · ${machine.contactName}: ` +
        `${publicUrl}/machines/${machine.machineId}`,
    );
  }
  io.print(
    options.duration === undefined
      ? 'Ctrl-C stops.'
      : `Stops after ${options.duration} s (Ctrl-C stops earlier).`,
  );
}

function progressLine(before: SimulatorStats, now: SimulatorStats): string {
  const parts = [
    `last ${PROGRESS_INTERVAL_MS / 1000} s: ${now.sent - before.sent} sent`,
    `${now.acknowledged - before.acknowledged} acknowledged`,
  ];
  if (now.skipped > before.skipped) parts.push(`${now.skipped - before.skipped} skipped (backlog)`);
  if (now.errors > before.errors)
    parts.push(`${now.errors - before.errors} errors: ${now.lastError}`);
  return `${parts.join(', ')} (total ${now.sent} sent, ${now.acknowledged} acknowledged)`;
}

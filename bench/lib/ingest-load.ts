// The load generator of the ingest benchmark: one mqtt.js client per device, in the benchmark's
// event loop (or in worker threads, ingest-generator.ts), each publishing ThingsBoard messages of one key
// (`{"ts":…,"values":{"temp":21.5}}`) as fast as its window lets it for a fixed time.
//
// - QoS 1: at most `qos1Window` messages per device wait for their PUBACK.
// - QoS 0 has no acknowledgement, and loopback TCP buffers hold megabytes, so socket backpressure
//   alone would let a backlog of minutes pile up. After every `syncEvery` QoS 0 messages a device
//   sends one QoS 1 message (a reading like the others) and stops once `syncWindow` of those are
//   unacknowledged. Both brokers handle a connection's packets in order and Nahbar acknowledges
//   after the commit, so that PUBACK means every earlier message of the device was handled: at most
//   syncEvery × syncWindow messages per device are in flight. Within that, a client also waits
//   for its socket to drain.
// - A phase: warm-up, then `measureMs` of load; at its start the target's committed count is read,
//   at its end every device stops and sends a last QoS 1 message, and the phase ends with the last
//   PUBACK, when everything sent was handled. Rate = committed during [start, last PUBACK] / that
//   time. Alongside: the generator's event-loop use and the CPU time of both processes.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { TELEMETRY_TOPIC } from '../../server/telemetry/mqtt-broker.js';
import type { BenchDevice } from './ingest-seed.js';

/** Device time of the throughput phases: two days ago, so that no reading lies in the future. */
export const LOAD_BASE_TS = Date.now() - 2 * 86_400_000;
/** Device time reserved per phase (2.8 h of milliseconds), so every phase has its own rows. */
export const PHASE_TS_SPAN = 10_000_000;

/** The message of one reading: ThingsBoard's form with a time, one key. */
export function loadMessage(ts: number, value: number): string {
  return `{"ts":${ts},"values":{"temp":${value}}}`;
}

/** Flow control of the generator. */
export interface LoadWindow {
  qos1Window: number;
  syncEvery: number;
  syncWindow: number;
}

/** One device's connection and its counters in the running phase. */
class LoadClient {
  published = 0;
  private outstanding = 0;
  private sinceSync = 0;
  private running = false;
  private waitingDrain = false;
  private qos: 0 | 1 = 0;
  private tsBase = 0;
  private settled: (() => void) | null = null;
  private dead = false;

  constructor(
    readonly device: BenchDevice,
    readonly client: MqttClient,
    private readonly window: LoadWindow,
    private readonly onAck: () => void,
  ) {}

  /** Marks the connection as gone: it publishes no more and waits for no PUBACK. */
  lost(): void {
    this.dead = true;
    this.running = false;
    this.outstanding = 0;
    this.checkSettled();
  }

  start(qos: 0 | 1, tsBase: number): void {
    this.published = 0;
    if (this.dead) return;
    this.qos = qos;
    this.tsBase = tsBase;
    this.sinceSync = 0;
    this.running = true;
    this.pump();
  }

  /** Stops publishing; resolves once every message sent was acknowledged (see the file comment). */
  finish(): Promise<void> {
    this.running = false;
    return new Promise<void>((resolve) => {
      this.settled = resolve;
      if (this.qos === 0 && !this.dead) this.send(1);
      else this.checkSettled();
    });
  }

  private checkSettled(): void {
    if (this.settled && this.outstanding === 0) {
      const settled = this.settled;
      this.settled = null;
      settled();
    }
  }

  private send(qos: 0 | 1): boolean {
    const n = this.published++;
    const payload = loadMessage(this.tsBase + n, 20 + (n % 100) / 10);
    if (qos === 1) {
      this.outstanding++;
      this.client.publish(TELEMETRY_TOPIC, payload, { qos: 1 }, () => {
        if (this.dead) return;
        this.outstanding--;
        this.onAck();
        if (this.running) this.pump();
        else this.checkSettled();
      });
      return true;
    }
    let written = false;
    let returned = false;
    this.client.publish(TELEMETRY_TOPIC, payload, { qos: 0 }, () => {
      if (!returned) {
        written = true;
        return;
      }
      this.waitingDrain = false;
      if (this.running) this.pump();
    });
    returned = true;
    if (!written) this.waitingDrain = true;
    return written;
  }

  private pump(): void {
    while (this.running && !this.waitingDrain) {
      if (this.qos === 1) {
        if (this.outstanding >= this.window.qos1Window) return;
        this.send(1);
      } else if (this.sinceSync >= this.window.syncEvery) {
        if (this.outstanding >= this.window.syncWindow) return;
        this.sinceSync = 0;
        this.send(1);
      } else {
        this.sinceSync++;
        if (!this.send(0)) return;
      }
    }
  }
}

/** What a pool's clients did in a phase. */
export interface PoolTally {
  published: number;
  /** Epoch ms (fractional) of the latest PUBACK. */
  lastAckAt: number;
  errors: string[];
}

/** A set of connected load clients, in this thread or in worker threads. */
export interface LoadPool {
  /** Every client starts publishing at `qos`, device time from `phaseTs` on. */
  start(qos: 0 | 1, phaseTs: number): void;
  /** Every client stops and waits for its last PUBACK (see the file comment). */
  finish(): Promise<PoolTally>;
  /** Starts measuring the generator's event-loop use; the function returns its share since. */
  loopMeter(): () => number;
  close(): Promise<void>;
}

/** The current time in epoch ms with sub-millisecond precision, comparable across threads. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Connects one client per device to a broker on 127.0.0.1 (the token as username), in this thread. */
export async function connectLocalPool(
  port: number,
  devices: readonly BenchDevice[],
  window: LoadWindow,
): Promise<LoadPool> {
  const clients: LoadClient[] = [];
  let errors: string[] = [];
  let lastAckAt = 0;
  const onAck = () => {
    lastAckAt = preciseNow();
  };
  for (let i = 0; i < devices.length; i += 50) {
    const batch = devices.slice(i, i + 50);
    const connected = await Promise.all(
      batch.map(async (device) => {
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
          username: device.token,
          clientId: `bench-${device.deviceId}`,
          reconnectPeriod: 0,
          connectTimeout: 10_000,
        });
        const load = new LoadClient(device, client, window, onAck);
        client.on('error', (err) => errors.push(`${device.deviceId}: ${err.message}`));
        client.on('close', () => {
          if (client.disconnecting) return;
          errors.push(`${device.deviceId}: connection closed by the broker`);
          load.lost();
        });
        return load;
      }),
    );
    clients.push(...connected);
  }
  return {
    start(qos, phaseTs) {
      errors = [];
      for (const c of clients) c.start(qos, phaseTs);
    },
    async finish() {
      const timeout = delay(120_000).then(() => 'timeout' as const);
      const finished = Promise.all(clients.map((c) => c.finish()));
      if ((await Promise.race([finished, timeout])) === 'timeout') {
        errors.push('PUBACKs still missing 120 s after the end of the load');
      }
      const published = clients.reduce((sum, c) => sum + c.published, 0);
      return { published, lastAckAt, errors };
    },
    loopMeter() {
      const before = performance.eventLoopUtilization();
      return () => performance.eventLoopUtilization(before).utilization;
    },
    async close() {
      await Promise.all(clients.map((c) => c.client.endAsync(true)));
    },
  };
}

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function processCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** One measured phase. */
export interface PhaseResult {
  target: string;
  qos: 0 | 1;
  /** Messages handled (broker-only) or readings committed (Nahbar) per second. */
  rate: number;
  /** Messages published in the whole phase, warm-up included. */
  published: number;
  /** Of them, how many are not in the target's count at the end (Nahbar: not stored). */
  missing: number;
  /** Counted during the measured part, and its length in seconds. */
  counted: number;
  seconds: number;
  /** From the end of the load to the last PUBACK, in ms (the backlog draining). */
  drainMs: number;
  /** Share of the time the generator's (busiest) event loop was busy. */
  generatorLoop: number;
  /** CPU of the benchmark process and of the target process, in cores. */
  generatorCores: number;
  serverCores: number;
  /** One-minute load average at the end of the phase. */
  load1: number;
  errors: string[];
}

/** What a phase runs against. */
export interface PhaseTarget {
  name: string;
  pid: number;
  /** Messages handled or readings committed so far in this phase's device time range. */
  count(phaseTs: number): Promise<number>;
  /** Whether `count` covers only this phase (Nahbar: by device time) or the process's life. */
  countsPhaseOnly: boolean;
}

/** Runs one phase of `qos` load from every client of the pool against a target. */
export async function runLoadPhase(
  pool: LoadPool,
  target: PhaseTarget,
  props: { qos: 0 | 1; phase: number; warmupMs: number; measureMs: number },
): Promise<PhaseResult> {
  const phaseTs = LOAD_BASE_TS + props.phase * PHASE_TS_SPAN;
  const before = target.countsPhaseOnly ? 0 : await target.count(phaseTs);
  pool.start(props.qos, phaseTs);
  await delay(props.warmupMs);
  const t0 = preciseNow();
  const counted0 = await target.count(phaseTs);
  const loop = pool.loopMeter();
  const cpu0 = process.cpuUsage();
  const server0 = processCpuSeconds(target.pid);
  await delay(props.measureMs);
  const stoppedAt = preciseNow();
  const tally = await pool.finish();
  const t1 = Math.max(tally.lastAckAt, stoppedAt);
  const cpu = process.cpuUsage(cpu0);
  const server = processCpuSeconds(target.pid) - server0;
  const generatorLoop = loop();
  const counted1 = await target.count(phaseTs);
  const seconds = (t1 - t0) / 1000;
  return {
    target: target.name,
    qos: props.qos,
    rate: (counted1 - counted0) / seconds,
    published: tally.published,
    missing: tally.published - (counted1 - before),
    counted: counted1 - counted0,
    seconds,
    drainMs: t1 - stoppedAt,
    generatorLoop,
    generatorCores: (cpu.user + cpu.system) / 1e6 / seconds,
    serverCores: server / seconds,
    load1: os.loadavg()[0] ?? Number.NaN,
    errors: tally.errors,
  };
}

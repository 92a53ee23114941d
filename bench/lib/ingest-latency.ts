// Publish → browser latency of live machine values. A fleet of devices (machines × devices each)
// publishes one reading a second each, at a random phase within the second as independent
// devices do, over MQTT (QoS 1) into the Nahbar process. A real Chromium, signed in as the owner,
// holds EventSource connections to `GET /api/machines/:id/live` of some of the machines (a few
// per browser context: Chromium opens at most 6 HTTP/1.1 connections per host and profile) and
// notes Date.now() when each value's event is handled. The publisher's time is the reading's own
// `ts` (Date.now() just before publishing). Both clocks are this machine's, so the difference is
// the latency from the publish call to the page's event handler: MQTT, parsing, the writer's
// batch and commit, the live hub's push (at most 4 a second per machine), SSE and the browser's
// event dispatch and JSON.parse. DOM rendering and charts are not included.
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { TELEMETRY_TOPIC } from '../../server/telemetry/mqtt-broker.js';
import type { BenchDevice } from './ingest-seed.js';
import { loadMessage, processCpuSeconds } from './ingest-load.js';
import { quantile, round } from './stats.js';

/** What the latency run needs. */
export interface FleetLatencyOptions {
  browser: Browser;
  url: string;
  mqttPort: number;
  serverPid: number;
  cookie: { name: string; value: string };
  fleet: readonly (readonly BenchDevice[])[];
  /** Machines whose live values the browser watches. */
  watch: number;
  /** EventSources per browser context. */
  perContext: number;
  warmupMs: number;
  measureMs: number;
  /** Run while the fleet keeps publishing after the measured window (e.g. chart queries). */
  whileLoaded?: () => Promise<void>;
}

/** The latency figures. */
export interface FleetLatencyResult {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  samples: number;
  /** Readings of watched machines published in the window that never reached the page. */
  missing: number;
  watchedMachines: number;
  contexts: number;
  devices: number;
  serverCores: number;
}

/** [deviceId, ts, arrival Date.now()] as the page records them. */
type Arrival = [string, number, number];

interface LiveWindow {
  __arrivals?: Arrival[];
  __opened?: number;
}

/** Runs in the page: opens one EventSource per machine and records every value's arrival. */
function openLiveStreams(machineIds: string[]): void {
  const w = window as unknown as LiveWindow;
  w.__arrivals = [];
  w.__opened = 0;
  for (const id of machineIds) {
    const source = new EventSource(`/api/machines/${id}/live`);
    source.onopen = () => {
      w.__opened = (w.__opened ?? 0) + 1;
    };
    source.onmessage = (event: MessageEvent<string>) => {
      const now = Date.now();
      const { values } = JSON.parse(event.data) as {
        values: { deviceId: string; ts: number }[];
      };
      for (const v of values) w.__arrivals?.push([v.deviceId, v.ts, now]);
    };
  }
}

async function openWatcher(
  browser: Browser,
  opts: FleetLatencyOptions,
  machineIds: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.addCookies([{ ...opts.cookie, url: opts.url }]);
  // tsx keeps function names with a helper that must exist in the page (see join-bench.ts).
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = await context.newPage();
  // Any same-origin page will do; this one loads no scripts of its own.
  await page.goto(`${opts.url}/healthz`);
  await page.evaluate(openLiveStreams, machineIds);
  await page.waitForFunction(
    (n) => (window as unknown as LiveWindow).__opened === n,
    machineIds.length,
    { timeout: 20_000 },
  );
  return { context, page };
}

/** One device publishing once a second from a random phase on. */
function startDevice(
  client: MqttClient,
  device: BenchDevice,
  sent: Map<string, number> | null,
): () => void {
  let interval: NodeJS.Timeout | undefined;
  const publish = () => {
    const ts = Date.now();
    sent?.set(`${device.deviceId}|${ts}`, ts);
    client.publish(TELEMETRY_TOPIC, loadMessage(ts, 20 + (ts % 1000) / 100), { qos: 1 });
  };
  const first = setTimeout(() => {
    publish();
    interval = setInterval(publish, 1_000);
  }, Math.random() * 1_000);
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}

/** Runs the fleet and the watching browser; returns latency quantiles over the measured window. */
export async function runFleetLatency(opts: FleetLatencyOptions): Promise<FleetLatencyResult> {
  const watched = opts.fleet.slice(0, opts.watch);
  const watchedDevices = new Set(watched.flat().map((d) => d.deviceId as string));
  const clients: MqttClient[] = [];
  const stops: (() => void)[] = [];
  const watchers: { context: BrowserContext; page: Page }[] = [];
  const sent = new Map<string, number>();
  try {
    for (let i = 0; i < watched.length; i += opts.perContext) {
      const machineIds = watched.slice(i, i + opts.perContext).map((m) => m[0]!.machineId);
      watchers.push(await openWatcher(opts.browser, opts, machineIds));
    }
    const devices = opts.fleet.flat();
    for (let i = 0; i < devices.length; i += 50) {
      const batch = devices.slice(i, i + 50);
      clients.push(
        ...(await Promise.all(
          batch.map((d) =>
            mqtt.connectAsync(`mqtt://127.0.0.1:${opts.mqttPort}`, {
              username: d.token,
              clientId: `fleet-${d.deviceId}`,
              reconnectPeriod: 0,
            }),
          ),
        )),
      );
    }
    devices.forEach((d, i) => {
      stops.push(startDevice(clients[i]!, d, watchedDevices.has(d.deviceId) ? sent : null));
    });
    await new Promise((r) => setTimeout(r, opts.warmupMs));
    const windowStart = Date.now();
    const cpu0 = processCpuSeconds(opts.serverPid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, opts.measureMs));
    const windowEnd = Date.now();
    const serverCores =
      (processCpuSeconds(opts.serverPid) - cpu0) / ((performance.now() - t0) / 1000);
    // Values are pushed at most 4 times a second per machine: give the last ones time to come.
    await new Promise((r) => setTimeout(r, 2_000));
    const arrived = new Map<string, number>();
    for (const { page } of watchers) {
      const arrivals = await page.evaluate(
        () => (window as unknown as LiveWindow).__arrivals ?? [],
      );
      for (const [deviceId, ts, at] of arrivals) {
        const key = `${deviceId}|${ts}`;
        if (!arrived.has(key)) arrived.set(key, at);
      }
    }
    const latencies: number[] = [];
    let missing = 0;
    for (const [key, ts] of sent) {
      if (ts < windowStart || ts >= windowEnd) continue;
      const at = arrived.get(key);
      if (at === undefined) missing++;
      else latencies.push(at - ts);
    }
    if (opts.whileLoaded) await opts.whileLoaded();
    return {
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      p99: round(quantile(latencies, 0.99)),
      max: round(Math.max(...latencies)),
      samples: latencies.length,
      missing,
      watchedMachines: watched.length,
      contexts: watchers.length,
      devices: devices.length,
      serverCores: round(serverCores, 2),
    };
  } finally {
    for (const stop of stops) stop();
    for (const { context } of watchers) await context.close();
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
}

// The MQTT side of the simulator: where devices publish (Nahbar's embedded broker or an external
// one), and the Simulator, which connects one client per demo device with its real token and
// publishes WunderBar payloads at QoS 1 on a timer per machine.
import mqtt, { ErrorWithSubackPacket } from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import { TELEMETRY_TOPIC } from '../telemetry/mqtt-broker.js';
import type { DemoMachine } from './demo-fleet.js';
import { machineProfile, samplePayload } from './wunderbar.js';
import type { MachineProfile, WunderbarModule } from './wunderbar.js';

/** Raised for a run that cannot start, with what to do about it. */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
}

/** Where devices publish: the broker's URL and the topic of a device's telemetry. */
export interface MqttTarget {
  url: string;
  /** True for Nahbar's embedded broker (token as username, one shared topic). */
  embedded: boolean;
  topicFor(token: string): string;
}

/** The broker the configured Nahbar takes telemetry from, as a device would reach it. */
export function mqttTargetOf(mqttConfig: Config['telemetry']['mqtt']): MqttTarget {
  if (mqttConfig.mode === 'external') {
    return {
      url: mqttConfig.url,
      embedded: false,
      topicFor: (token) => `v1/devices/${token}/telemetry`,
    };
  }
  if (mqttConfig.port === 0) {
    throw new SimulatorError(
      'NAHBAR_MQTT_PORT is 0, so the embedded broker picks a random port the simulator cannot ' +
        'know. Give Nahbar and the simulator the same fixed NAHBAR_MQTT_PORT.',
    );
  }
  // A broker listening on every interface is reached on loopback.
  const host = ['0.0.0.0', '::', ''].includes(mqttConfig.host) ? '127.0.0.1' : mqttConfig.host;
  return {
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${mqttConfig.port}`,
    embedded: true,
    topicFor: () => TELEMETRY_TOPIC,
  };
}

/** Counts of a run so far. */
export interface SimulatorStats {
  /** Messages handed to the MQTT clients. */
  sent: number;
  /** Messages the broker acknowledged (for Nahbar's broker: committed to the database). */
  acknowledged: number;
  /** Messages the client gave up on. */
  failed: number;
  /** Ticks left out for a device because too many of its messages were unacknowledged. */
  skipped: number;
  /** Client errors (lost connections, refused tokens). */
  errors: number;
  lastError: string | null;
}

/** What a Simulator needs. */
export interface SimulatorOptions {
  fleet: DemoMachine[];
  target: MqttTarget;
  /** Messages per second per device. */
  rate: number;
  anomalyPerSecond: number;
  seed: number;
  clock?: Clock;
  /** Unacknowledged messages per device beyond which ticks are skipped (default 100). */
  maxInFlight?: number;
}

interface SimulatedDevice {
  module: WunderbarModule;
  token: string;
  client: MqttClient;
  inFlight: number;
}

// How long stop() waits for outstanding acknowledgements before it cuts the connections.
const DRAIN_TIMEOUT_MS = 5_000;

/** Publishes the fleet's payloads over MQTT; start() connects, stop() drains and disconnects. */
export class Simulator {
  private readonly devices: SimulatedDevice[][] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly counts: SimulatorStats = {
    sent: 0,
    acknowledged: 0,
    failed: 0,
    skipped: 0,
    errors: 0,
    lastError: null,
  };
  private readonly drainWaiters = new Set<() => void>();
  // Messages of all devices that are neither acknowledged nor failed yet.
  private inFlight = 0;
  private readonly clock: Clock;

  constructor(private readonly opts: SimulatorOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** A snapshot of the counts. */
  get stats(): SimulatorStats {
    return { ...this.counts };
  }

  /** Connects every device and starts publishing; fails when the broker cannot be reached. */
  async start(): Promise<void> {
    const { fleet, target } = this.opts;
    try {
      for (const machine of fleet) {
        const results = await Promise.allSettled(
          machine.devices.map((d) => this.connect(d.module, d.token)),
        );
        // Connected clients are kept even when one failed, so that stop() ends them.
        this.devices.push(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
        const failure = results.find((r) => r.status === 'rejected');
        if (failure) throw failure.reason;
      }
      if (target.embedded) await this.checkEmbedded();
    } catch (err) {
      await this.stop();
      throw err;
    }
    const intervalMs = 1000 / this.opts.rate;
    fleet.forEach((machine, i) => {
      const profile = machineProfile(this.opts.seed, machine.index, {
        anomalyPerSecond: this.opts.anomalyPerSecond,
      });
      const devices = this.devices[i] ?? [];
      let last = 0;
      const tick = () => {
        last = Math.max(this.clock.now(), last + 1);
        for (const device of devices) this.publish(device, profile, last);
      };
      // Machines are spread over the interval rather than all publishing at once.
      const first = setTimeout(
        () => {
          tick();
          this.timers.push(setInterval(tick, intervalMs));
        },
        (intervalMs * i) / fleet.length,
      );
      this.timers.push(first);
    });
  }

  /** Stops publishing, waits briefly for outstanding acknowledgements, and disconnects. */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    await this.drained(DRAIN_TIMEOUT_MS);
    const clients = this.devices.splice(0).flat();
    await Promise.all(clients.map((d) => d.client.endAsync(true)));
  }

  private async connect(module: WunderbarModule, token: string): Promise<SimulatedDevice> {
    const { url } = this.opts.target;
    let client: MqttClient;
    try {
      // No retries for the first connection: a wrong port should fail now, not spin forever.
      client = await mqtt.connectAsync(
        url,
        { username: token, clean: true, reconnectPeriod: 1000, connectTimeout: 10_000 },
        false,
      );
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new SimulatorError(
        `Cannot publish to the MQTT broker at ${url}: ${reason}. Is Nahbar running (npm start) ` +
          'with the same NAHBAR_MQTT_PORT or NAHBAR_MQTT_URL as the simulator?',
      );
    }
    client.on('error', (err) => {
      this.counts.errors++;
      this.counts.lastError = err.message;
    });
    return { module, token, client, inFlight: 0 };
  }

  // Nahbar's broker refuses every subscription; another broker on its port (such as a
  // Mosquitto that allows anonymous clients) would take the messages and store nothing.
  private async checkEmbedded(): Promise<void> {
    const probe = this.devices[0]?.[0]?.client;
    if (!probe) return;
    try {
      await probe.subscribeAsync('v1/devices/me/attributes', { qos: 1 });
    } catch (err) {
      // mqtt.js rejects a SUBACK with return code 0x80 (failure): Nahbar's answer.
      if (err instanceof ErrorWithSubackPacket) return;
      throw err;
    }
    throw new SimulatorError(
      `The broker at ${this.opts.target.url} is not Nahbar's embedded broker (it accepts ` +
        'subscriptions). Another broker holds that port: give Nahbar and the simulator the ' +
        'same free NAHBAR_MQTT_PORT, or NAHBAR_MQTT_URL to use that broker.',
    );
  }

  private publish(device: SimulatedDevice, profile: MachineProfile, at: number): void {
    if (device.inFlight >= (this.opts.maxInFlight ?? 100)) {
      this.counts.skipped++;
      return;
    }
    const payload = JSON.stringify(samplePayload(profile, device.module, at));
    device.inFlight++;
    this.inFlight++;
    this.counts.sent++;
    device.client.publish(this.opts.target.topicFor(device.token), payload, { qos: 1 }, (err) => {
      device.inFlight--;
      this.inFlight--;
      if (err) this.counts.failed++;
      else this.counts.acknowledged++;
      if (this.inFlight === 0) for (const resolve of this.drainWaiters) resolve();
    });
  }

  private drained(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.drainWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.drainWaiters.add(done);
    });
  }
}

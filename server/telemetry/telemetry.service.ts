// Live machine data as one Service: the store, the batching writer, the ingest path, the live
// hub, retention, and where devices publish (the embedded broker or the bridge to an external
// one). Started in that order and stopped in reverse, so that no broker accepts a message the
// writer could no longer store, and stopping flushes every acknowledged reading.
import type { AlarmMonitor } from '../alarms/alarm.service.js';
import type { MqttConnectionView } from '../../shared/api/machines.js';
import type { Db } from '../db/database.js';
import type { Config } from '../env.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { DeviceDirectory } from '../machines/device-auth.js';
import type { Service } from '../services/service.js';
import { TelemetryIngest } from './ingest.js';
import { LiveHub } from './live-hub.js';
import { BRIDGE_TOPIC, BrokerBridge } from './mqtt-bridge.js';
import { EmbeddedBroker, TELEMETRY_TOPIC } from './mqtt-broker.js';
import { TelemetryRetention } from './retention.js';
import { createTelemetryStore } from './store.js';
import type { TelemetryStore } from './store.js';
import { TelemetryWriter } from './writer.js';

/** What the telemetry service needs. */
export interface TelemetryServiceOptions {
  config: Config['telemetry'];
  db: Db;
  clock: Clock;
  log: Logger;
  devices: DeviceDirectory;
  alarms: AlarmMonitor;
}

/** The machine data runtime. */
export class TelemetryService implements Service {
  readonly name = 'telemetry';
  readonly store: TelemetryStore;
  readonly writer: TelemetryWriter;
  readonly ingest: TelemetryIngest;
  readonly live: LiveHub;
  readonly retention: TelemetryRetention;
  /** The embedded broker, or the bridge to an external one. */
  readonly source: EmbeddedBroker | BrokerBridge;
  private started: Service[] = [];
  private readonly log: Logger;
  private readonly config: Config['telemetry'];

  constructor(opts: TelemetryServiceOptions) {
    const { config, db, clock, log, devices, alarms } = opts;
    this.log = log;
    this.config = config;
    this.store = createTelemetryStore(db);
    this.writer = new TelemetryWriter({ store: this.store, log: log.child({ svc: 'writer' }) });
    this.ingest = new TelemetryIngest({ directory: devices, writer: this.writer, clock, log });
    this.live = new LiveHub(db, log);
    this.retention = new TelemetryRetention({
      store: this.store,
      clock,
      log,
      rawDays: config.rawDays,
      rollupDays: config.rollupDays,
    });
    this.writer.onCommitted((readings) => {
      this.live.publish(readings);
      void alarms.onReadings(readings);
    });
    const mqtt = config.mqtt;
    this.source =
      mqtt.mode === 'embedded'
        ? new EmbeddedBroker({
            host: mqtt.host,
            port: mqtt.port,
            drainTimeoutMs: mqtt.drainTimeoutMs,
            directory: devices,
            ingest: this.ingest,
            log: log.child({ svc: 'mqtt' }),
          })
        : new BrokerBridge({
            url: mqtt.url,
            clientId: mqtt.clientId,
            directory: devices,
            ingest: this.ingest,
            log: log.child({ svc: 'mqtt' }),
          });
  }

  /** How a device with `token` publishes: to the embedded broker, or through the external one. */
  mqttConnection(token: string): MqttConnectionView {
    const mqtt = this.config.mqtt;
    if (mqtt.mode === 'embedded') {
      return {
        host: null,
        port: this.mqttPort || mqtt.port,
        topic: TELEMETRY_TOPIC,
        tokenIsUsername: true,
      };
    }
    const url = new URL(mqtt.url);
    const secure = url.protocol === 'mqtts:' || url.protocol === 'tls:';
    return {
      host: url.hostname,
      port: Number(url.port) || (secure ? 8883 : 1883),
      topic: BRIDGE_TOPIC.replace('+', token),
      tokenIsUsername: false,
    };
  }

  /** The embedded broker's port (0 in external-broker mode). */
  get mqttPort(): number {
    return this.source instanceof EmbeddedBroker ? this.source.port : 0;
  }

  /** Starts writer, retention and the MQTT source; a failed start stops what already runs. */
  async start(): Promise<void> {
    for (const part of [this.writer, this.retention, this.source]) {
      try {
        await part.start();
      } catch (err) {
        await this.stop();
        throw err;
      }
      this.started.push(part);
    }
  }

  /** Stops the MQTT source first, then retention, then flushes the writer and closes the store. */
  async stop(): Promise<void> {
    const parts = this.started.reverse();
    this.started = [];
    this.live.close();
    for (const part of parts) {
      try {
        await part.stop();
      } catch (err) {
        this.log.error({ err, part: part.name }, 'telemetry part failed to stop');
      }
    }
    await this.store.close().catch((err: unknown) => {
      this.log.error({ err }, 'telemetry store failed to close');
    });
  }
}

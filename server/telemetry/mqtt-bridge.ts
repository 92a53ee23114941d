// External-broker mode: Nahbar connects to an MQTT broker the operator runs (Mosquitto, EMQX) as
// a client and subscribes to `v1/devices/+/telemetry`, where the middle level is the device's
// token (an external broker cannot tell Nahbar who connected, so the topic says it; the broker's
// ACL should let each device publish only there and only Nahbar subscribe). The session is
// persistent and QoS 1, and a message is acknowledged only after its readings are committed, so
// the broker keeps and redelivers whatever Nahbar has not stored.
import mqtt from 'mqtt';
import type { IPublishPacket, MqttClient } from 'mqtt';
import type { DeviceDirectory } from '../machines/device-auth.js';
import type { Logger } from '../lib/logger.js';
import type { Service } from '../services/service.js';
import type { TelemetryIngest } from './ingest.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';

/** The subscription on the external broker; `+` is the device token. */
export const BRIDGE_TOPIC = 'v1/devices/+/telemetry';

/** What the bridge needs. */
export interface BrokerBridgeOptions {
  url: string;
  /** Client id of Nahbar's persistent session on the broker. */
  clientId: string;
  directory: DeviceDirectory;
  ingest: TelemetryIngest;
  log: Logger;
}

/** The device token in a bridge topic, or null when the topic is not one. */
export function tokenOfTopic(topic: string): string | null {
  const parts = topic.split('/');
  return parts.length === 4 &&
    parts[0] === 'v1' &&
    parts[1] === 'devices' &&
    parts[3] === 'telemetry'
    ? (parts[2] ?? null)
    : null;
}

/** Subscribes to device telemetry on an external broker, a Service. */
export class BrokerBridge implements Service {
  readonly name = 'mqtt-bridge';
  private client: MqttClient | null = null;

  constructor(private readonly opts: BrokerBridgeOptions) {}

  /** Connects and subscribes; fails when the broker cannot be reached at start. */
  async start(): Promise<void> {
    const { log } = this.opts;
    const client = await mqtt.connectAsync(this.opts.url, {
      clientId: this.opts.clientId,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    client.handleMessage = (packet, done) => {
      this.handle(packet).then(
        () => done(),
        (err: unknown) => {
          // Not acknowledged: reconnecting makes the broker deliver it again.
          log.error({ err, topic: packet.topic }, 'telemetry from the broker not stored');
          client.stream.destroy();
          done(err instanceof Error ? err : new Error('not stored'));
        },
      );
    };
    client.on('error', (err) => log.warn({ err }, 'mqtt bridge error'));
    client.on('reconnect', () => log.info('mqtt bridge reconnecting'));
    this.client = client;
    try {
      // mqtt.js rejects when the broker refuses the subscription (SUBACK 0x80).
      await client.subscribeAsync(BRIDGE_TOPIC, { qos: 1 });
    } catch (err) {
      this.client = null;
      await client.endAsync(true);
      throw new Error(
        `the broker at ${this.opts.url} refused the subscription to ${BRIDGE_TOPIC}`,
        {
          cause: err,
        },
      );
    }
    log.info({ url: this.opts.url }, 'mqtt bridge subscribed');
  }

  /** Disconnects; messages not yet acknowledged stay with the broker. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }

  private async handle(packet: IPublishPacket): Promise<void> {
    const { log, directory } = this.opts;
    const token = tokenOfTopic(packet.topic);
    const device = token ? await directory.authenticate(token) : null;
    if (!device) {
      // Acknowledged and dropped: nobody could ever store it. Logged without the token.
      log.warn('telemetry for an unknown device token on the external broker');
      return;
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    if (payload.byteLength > MAX_PAYLOAD_BYTES) {
      log.warn({ deviceId: device.deviceId, bytes: payload.byteLength }, 'mqtt payload too large');
      await directory.recordRejected(device.deviceId, 1);
      return;
    }
    // mqtt.js hands over the next message only after this one is acknowledged.
    await this.opts.ingest.ingest(device, payload, { alone: true });
  }
}

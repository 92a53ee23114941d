// The embedded MQTT broker (aedes) that devices publish to, ThingsBoard style: the device token is
// the MQTT username, the only topic is `v1/devices/me/telemetry`, nobody may subscribe. A QoS 1
// PUBACK leaves only after the readings are committed (aedes acknowledges once authorizePublish
// has called back); a QoS 0 message is let go once its readings are queued for the writer (still
// in order: the writer commits in the order it queues). Packets above the payload limit are cut
// off before they are buffered.
import net from 'node:net';
import { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import type { AuthenticateError, Client } from 'aedes';
import mqemitter from 'mqemitter';
import type { DeviceId } from '../../shared/ids.js';
import type { DeviceAuth, DeviceDirectory } from '../machines/device-auth.js';
import type { Logger } from '../lib/logger.js';
import type { Service } from '../services/service.js';
import type { IngestOutcome, TelemetryIngest } from './ingest.js';
import { MqttPacketGuard } from './packet-guard.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';

/** The one topic a device publishes its telemetry to (ThingsBoard's device API). */
export const TELEMETRY_TOPIC = 'v1/devices/me/telemetry';

// A publish packet carries its topic (2 + 24 bytes) and a message id besides the payload; a
// CONNECT carries client id, token and a will. 1 KiB more than the payload covers them.
const MAX_PACKET_REMAINING = MAX_PAYLOAD_BYTES + 1024;

/**
 * The emitter aedes hands every publish to, which matches its topic against the subscriptions.
 * Telemetry reaches no subscriber (nobody may subscribe), so it skips the match, which took
 * 6–9 % of the main thread in profiles of a QoS 0 flood; aedes's own `$SYS` messages are
 * emitted as usual. The options are those aedes gives its default emitter.
 */
function telemetryEmitter(): mqemitter.MQEmitter {
  const mq = mqemitter({ concurrency: 100, matchEmptyLevels: true });
  const emit = mq.emit.bind(mq);
  mq.emit = (message, callback) => {
    if (message.topic === TELEMETRY_TOPIC) callback?.();
    else emit(message, callback);
  };
  return mq;
}

/** CONNACK return code 5 of MQTT 3.1.1. */
const NOT_AUTHORIZED = 5;

/** What the embedded broker needs. */
export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** Milliseconds a client may leave the broker's writes unread before it is cut off. */
  drainTimeoutMs: number;
  directory: DeviceDirectory;
  ingest: TelemetryIngest;
  log: Logger;
}

/** A device's connection: who it is, its token, and when the token was last found valid. */
interface Session {
  device: DeviceAuth;
  token: string;
  checkedAt: number;
  /** The re-check under way, shared by every message that arrives while it runs. */
  checking: Promise<boolean> | null;
}

/** Raised when the broker cannot listen, with what to do about it. */
export class BrokerListenError extends Error {
  override name = 'BrokerListenError';
}

/** The embedded MQTT broker, a Service. */
export class EmbeddedBroker implements Service {
  readonly name = 'mqtt-broker';
  private broker: Aedes | null = null;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly devices = new WeakMap<Client, Session>();
  /** Connected clients per device, so that a revoked or rotated token ends them at once. */
  private readonly clientsOf = new Map<DeviceId, Set<Client>>();
  private stopForgetting: (() => void) | null = null;
  private boundPort = 0;

  constructor(private readonly opts: EmbeddedBrokerOptions) {}

  /** The port the broker listens on (useful with port 0). */
  get port(): number {
    return this.boundPort;
  }

  /** Starts aedes and listens; a taken port fails with a message that says how to change it. */
  async start(): Promise<void> {
    const { log } = this.opts;
    const broker = await Aedes.createBroker({
      mq: telemetryEmitter(),
      drainTimeout: this.opts.drainTimeoutMs,
      authenticate: (client, username, _password, done) => {
        this.authenticate(client, username).then(
          (ok) => done(ok ? null : notAuthorized(), ok),
          (err: unknown) => {
            log.error({ err }, 'mqtt authentication failed');
            done(notAuthorized(), false);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        if (!client) return done(null);
        const session = this.devices.get(client);
        if (!session) return done(new Error('not authenticated'));
        const device = session.device;
        if (packet.topic !== TELEMETRY_TOPIC) {
          log.warn({ deviceId: device.deviceId, topic: packet.topic }, 'mqtt publish refused');
          return done(new Error(`devices publish only to ${TELEMETRY_TOPIC}`));
        }
        const payload = Buffer.isBuffer(packet.payload)
          ? packet.payload
          : Buffer.from(packet.payload);
        if (payload.byteLength > MAX_PAYLOAD_BYTES) {
          log.warn(
            { deviceId: device.deviceId, bytes: payload.byteLength },
            'mqtt payload too large',
          );
          this.opts.directory.recordRejected(device.deviceId, 1).catch(() => undefined);
          return done(new Error(`payload above ${MAX_PAYLOAD_BYTES} bytes`));
        }
        // Nothing is forwarded or kept: a retained publish would otherwise stay in memory.
        packet.retain = false;
        // The usual case takes no detour: the token was checked within the trust time, and a
        // QoS 0 message that could be queued at once is let go at once.
        const qos = packet.qos;
        const stored = this.trusted(session)
          ? this.store(device, payload, qos)
          : this.recheck(session).then((valid) => {
              if (!valid) throw new Error('the device token is no longer valid');
              return this.store(device, payload, qos);
            });
        if (!(stored instanceof Promise)) return done(null);
        stored.then(
          () => done(null),
          (err: unknown) => {
            // No PUBACK: the device keeps the message and sends it again.
            log.error({ err, deviceId: device.deviceId }, 'telemetry not stored');
            done(err instanceof Error ? err : new Error('not stored'));
          },
        );
      },
      // A SUBACK with 0x80 (failure) for every subscription.
      authorizeSubscribe: (_client, _subscription, done) => done(null, null),
      // Messages are never delivered to anyone (there are no subscribers anyway).
      authorizeForward: () => null,
    });
    broker.on('clientDisconnect', (client) => this.untrack(client));
    this.stopForgetting = this.opts.directory.onForget((deviceId) => {
      for (const client of this.clientsOf.get(deviceId) ?? []) client.close();
      this.clientsOf.delete(deviceId);
    });
    broker.on('clientError', (client, err) => {
      log.debug({ err, clientId: client.id }, 'mqtt client error');
    });
    broker.on('connectionError', (_client, err) => {
      log.debug({ err }, 'mqtt connection error');
    });
    this.broker = broker;
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(
          err.code === 'EADDRINUSE'
            ? new BrokerListenError(
                `MQTT port ${this.opts.port} on ${this.opts.host} is already in use (another MQTT ` +
                  `broker such as Mosquitto?). Set NAHBAR_MQTT_PORT to a free port, or ` +
                  `NAHBAR_MQTT_URL=mqtt://host:port to use that broker instead.`,
              )
            : err,
        );
      });
      server.listen(this.opts.port, this.opts.host, () => resolve());
    }).catch(async (err: unknown) => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      throw err;
    });
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.opts.port;
    log.info({ host: this.opts.host, port: this.boundPort }, 'mqtt broker listening');
  }

  /** Stops listening, cuts every connection and closes aedes. */
  async stop(): Promise<void> {
    const server = this.server;
    const broker = this.broker;
    this.server = null;
    this.broker = null;
    this.stopForgetting?.();
    this.stopForgetting = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const broker = this.broker;
    if (!broker) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const guard = new MqttPacketGuard(MAX_PACKET_REMAINING);
    guard.on('error', (err) => {
      this.opts.log.warn({ err, remote: socket.remoteAddress }, 'mqtt connection cut');
      socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      guard.destroy();
    });
    socket.pipe(guard);
    broker.handle(guardedConnection(socket, guard));
  }

  private async authenticate(client: Client, username: string | undefined): Promise<boolean> {
    if (!username) return false;
    const device = await this.opts.directory.authenticate(username);
    if (!device) {
      this.opts.log.info({ clientId: client.id }, 'mqtt connect refused: unknown device token');
      return false;
    }
    this.devices.set(client, { device, token: username, checkedAt: Date.now(), checking: null });
    const clients = this.clientsOf.get(device.deviceId) ?? new Set<Client>();
    clients.add(client);
    this.clientsOf.set(device.deviceId, clients);
    return true;
  }

  /** Stores a publish: QoS 0 is let go once queued, QoS 1 acknowledged after the commit. */
  private store(
    device: DeviceAuth,
    payload: Buffer,
    qos: number,
  ): IngestOutcome | Promise<IngestOutcome> {
    return qos === 0
      ? this.opts.ingest.ingestUnacknowledged(device, payload)
      : this.opts.ingest.ingest(device, payload);
  }

  /** Whether a session's token was found valid within the directory's trust time. */
  private trusted(session: Session): boolean {
    return Date.now() - session.checkedAt < this.opts.directory.trustMs;
  }

  /**
   * Whether a session's token still holds, looked up again. Changes in this process end sessions
   * at once (see `onForget`); this catches a rotation by another process within the trust time.
   */
  private recheck(session: Session): Promise<boolean> {
    // One lookup per session, not one per message in flight when the trust time runs out.
    session.checking ??= this.opts.directory
      .authenticate(session.token)
      .then((device) => {
        if (!device || device.deviceId !== session.device.deviceId) return false;
        session.checkedAt = Date.now();
        return true;
      })
      .finally(() => {
        session.checking = null;
      });
    return session.checking;
  }

  private untrack(client: Client): void {
    const session = this.devices.get(client);
    if (!session) return;
    const clients = this.clientsOf.get(session.device.deviceId);
    clients?.delete(client);
    if (clients?.size === 0) this.clientsOf.delete(session.device.deviceId);
  }
}

/**
 * What aedes reads and writes: packets that passed the guard, and writes to the socket. aedes
 * corks its writes for a tick (a PUBACK per message read); `_writev` hands them to the socket in
 * one system call, which `Duplex.from` alone would make one each.
 */
function guardedConnection(socket: net.Socket, guard: MqttPacketGuard): Duplex {
  const conn = Duplex.from({ readable: guard, writable: socket });
  conn._writev = (chunks, callback) => {
    socket.cork();
    let flowing = true;
    for (const { chunk } of chunks) flowing = socket.write(chunk as Buffer);
    socket.uncork();
    if (flowing) callback();
    else socket.once('drain', () => callback());
  };
  return conn;
}

function notAuthorized(): AuthenticateError {
  return Object.assign(new Error('not authorised'), { returnCode: NOT_AUTHORIZED });
}

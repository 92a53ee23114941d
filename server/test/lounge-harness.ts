// Lounge integration test fixtures: Nahbar's HTTP app with a real Lounge on 127.0.0.1 (port 0)
// over a given database, plus sellers with sessions and rooms, created straight in the database.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { RoomId, UserId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';
import { SIGNALING_PATH } from '../../shared/protocol/signaling.js';
import type { PeerInfo, SharedMachine } from '../../shared/protocol/signaling.js';
import { insertSession } from '../accounts/session.repository.js';
import { AlarmMonitor } from '../alarms/alarm.service.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { buildApp } from '../app.js';
import type { App } from '../app.js';
import type { Db } from '../db/database.js';
import { loadServerSecret } from '../db/settings.js';
import { loadConfig } from '../env.js';
import type { Config } from '../env.js';
import { systemClock } from '../lib/clock.js';
import { hashToken, newId, newToken } from '../lib/random.js';
import { Lounge } from '../lounge/lounge.js';
import { DeviceDirectory } from '../machines/device-auth.js';
import { Mailer } from '../mail/mailer.js';
import { createRoom } from '../rooms/room.service.js';
import type { RoomRow } from '../rooms/room.table.js';
import { TestPeer } from './lounge-client.js';
import type { TestPeerOptions } from './lounge-client.js';

/** Lounge settings for tests: short grace, generous rate limit unless a test says otherwise. */
export type LoungeOverrides = Partial<Config['lounge']>;

/** A complete config for a test server on 127.0.0.1:0 with the given lounge settings. */
export function testConfig(lounge: LoungeOverrides = {}, env: Record<string, string> = {}): Config {
  const config = loadConfig({
    NAHBAR_HOST: '127.0.0.1',
    NAHBAR_PORT: '0',
    // 1883 belongs to the machine's Mosquitto: the embedded broker takes a free port.
    NAHBAR_MQTT_PORT: '0',
    NAHBAR_LOG_LEVEL: 'silent',
    NAHBAR_CLIENT_DIR: '/nonexistent/nahbar-client',
    NAHBAR_DATA_DIR: '/nonexistent/nahbar-data',
    NAHBAR_SIGNAL_RATE_PER_SECOND: '10000',
    NAHBAR_SIGNAL_BURST: '100000',
    ...env,
  });
  return { ...config, lounge: { ...config.lounge, resumeGraceSeconds: 1, ...lounge } };
}

/** A logger that keeps warnings and errors in memory, so tests can assert that none happened. */
export function recordingLogger(): {
  log: FastifyBaseLogger;
  lines: Array<{ level: number; msg: string }>;
} {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as { level: number; msg: string });
      }
      done();
    },
  });
  return { log: pino({ level: 'warn' }, stream), lines };
}

/** A running app with a lounge. */
export interface LoungeServer {
  wsUrl: string;
  origin: string;
  db: Db;
  app: App;
  lounge: Lounge;
  config: Config;
  /** Warnings and errors logged so far. */
  logLines: Array<{ level: number; msg: string }>;
  /** Connects a signaling client. */
  connect(opts?: TestPeerOptions): Promise<TestPeer>;
  /** Stops the lounge (closing sockets with 1012), then the app; the database stays open. */
  stop(): Promise<void>;
}

/** Options of startLoungeServer. */
export interface LoungeServerOptions {
  db: Db;
  lounge?: LoungeOverrides;
  heartbeatMs?: number;
}

/** Starts the app and a lounge over an existing database. */
export async function startLoungeServer(opts: LoungeServerOptions): Promise<LoungeServer> {
  const config = testConfig(opts.lounge);
  const secret = await loadServerSecret(opts.db);
  const { log, lines } = recordingLogger();
  const lounge = new Lounge({
    config: config.lounge,
    db: opts.db,
    clock: systemClock,
    secret,
    log,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });
  await lounge.start();
  const devices = new DeviceDirectory(opts.db);
  // Never started: signaling tests have no alarm rules.
  const alarms = new AlarmMonitor({ db: opts.db, clock: systemClock, log });
  // Never started either: built only because the app's machine data routes need one.
  const telemetry = new TelemetryService({
    config: config.telemetry,
    db: opts.db,
    clock: systemClock,
    log,
    devices,
    alarms,
  });
  // Never started either, and without SMTP: signaling tests send no mail.
  const mailer = new Mailer({
    db: opts.db,
    clock: systemClock,
    config: { ...config.mail, smtpUrl: null },
    log,
  });
  const app = await buildApp({
    config,
    db: opts.db,
    clock: systemClock,
    secret,
    lounge,
    devices,
    alarms,
    telemetry,
    mailer,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const wsUrl = `ws://127.0.0.1:${port}${SIGNALING_PATH}`;
  return {
    wsUrl,
    origin: `http://127.0.0.1:${port}`,
    db: opts.db,
    app,
    lounge,
    config,
    logLines: lines,
    connect: (peerOpts) => TestPeer.connect(wsUrl, peerOpts),
    async stop() {
      await lounge.stop();
      await app.close();
    },
  };
}

/** A seller with a signed-in session and a personal room. */
export interface TestHost {
  userId: UserId;
  name: string;
  sessionToken: string;
  room: RoomRow;
}

/** Options of createHost. */
export interface CreateHostOptions {
  name?: string;
  /** Name of the room; defaults to the seller's name. */
  roomName?: string;
  mode?: RoomMode;
}

/** Creates a seller, a session for them and their personal room. */
export async function createHost(db: Db, opts: CreateHostOptions = {}): Promise<TestHost> {
  const name = opts.name ?? 'Hanna Host';
  const mode = opts.mode ?? 'knock';
  const now = Date.now();
  const userId = newId<UserId>();
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: `${userId.toLowerCase()}@example.test`,
      name,
      password_hash: 'not-a-real-hash',
      role: 'seller',
      created_at: now,
    })
    .execute();
  const sessionToken = newToken();
  await insertSession(db, {
    id: hashToken(sessionToken),
    user_id: userId,
    created_at: now,
    expires_at: now + 86_400_000,
    last_seen_at: now,
  });
  const room = await createRoom(db, systemClock, {
    ownerId: userId,
    name: opts.roomName ?? name,
    personal: true,
  });
  if (mode !== 'knock') await setRoomMode(db, room.id, mode);
  return { userId, name, sessionToken, room: { ...room, mode } };
}

/** Changes a room's mode in the database (what the rooms API does before calling refreshRoom). */
export async function setRoomMode(db: Db, roomId: RoomId, mode: RoomMode): Promise<void> {
  await db.updateTable('rooms').set({ mode }).where('id', '=', roomId).execute();
}

/** A participant in a call: their socket and who they are. */
export interface Joined {
  peer: TestPeer;
  self: PeerInfo;
  resumeToken: string;
  /** The machine panel shown in the call when this participant came in. */
  sharedMachine: SharedMachine | null;
}

/** Anything that opens signaling clients: a LoungeServer, or a plain URL wrapped by `connectorFor`. */
export type Connector = Pick<LoungeServer, 'connect'>;

/** Opens signaling clients against a URL (for servers started by `startNahbar`). */
export function connectorFor(wsUrl: string): Connector {
  return { connect: (opts) => TestPeer.connect(wsUrl, opts) };
}

/** Signs the host in and joins their room. */
export async function joinAsHost(server: Connector, host: TestHost): Promise<Joined> {
  const peer = await server.connect({ sessionToken: host.sessionToken });
  peer.send({ type: 'knock', room: host.room.handle, name: host.name });
  const joined = await peer.next('room.joined');
  await peer.next('lobby.queue');
  return {
    peer,
    self: joined.self,
    resumeToken: joined.resumeToken,
    sharedMachine: joined.sharedMachine ?? null,
  };
}

/** A guest knocks, the host admits them, and both see it. */
export async function knockAndAdmit(
  server: Connector,
  host: Joined,
  room: RoomRow,
  name: string,
): Promise<Joined> {
  const peer = await server.connect();
  peer.send({ type: 'knock', room: room.handle, name });
  await peer.next('lobby.waiting');
  const queue = await host.peer.next('lobby.queue', (q) => q.knocks.some((k) => k.name === name));
  const knock = queue.knocks.find((k) => k.name === name);
  if (!knock) throw new Error('knock not queued');
  host.peer.send({ type: 'lobby.admit', knockId: knock.knockId });
  const joined = await peer.next('room.joined');
  await host.peer.next('peer.joined', (m) => m.peer.peerId === joined.self.peerId);
  return {
    peer,
    self: joined.self,
    resumeToken: joined.resumeToken,
    sharedMachine: joined.sharedMachine ?? null,
  };
}

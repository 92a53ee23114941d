// The whole HTTP app in-process for HTTP tests: a fresh database of the chosen dialect, a real
// Lounge, and a tiny built client, driven with `app.inject()` and never on a port.
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { AlarmMonitor } from '../alarms/alarm.service.js';
import { mailBookingEvents } from '../booking/booking-mailer.js';
import { buildApp } from '../app.js';
import type { App, AppContext } from '../app.js';
import type { Db } from '../db/database.js';
import { loadServerSecret } from '../db/settings.js';
import { loadConfig } from '../env.js';
import type { Config } from '../env.js';
import { systemClock } from '../lib/clock.js';
import type { Clock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { Lounge } from '../lounge/lounge.js';
import { DeviceDirectory } from '../machines/device-auth.js';
import { Mailer } from '../mail/mailer.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { createTestDatabase } from './databases.js';
import type { TestDialect } from './databases.js';

/** The origin test apps put into links. */
export const TEST_PUBLIC_URL = 'http://nahbar.test';

/** A route as Fastify registered it. */
export interface RegisteredRoute {
  method: HTTPMethods;
  url: string;
}

/** Options of createTestApp. */
export interface TestAppOptions {
  dialect: TestDialect;
  /** Defaults to the system clock; pass a FakeClock where time matters. */
  clock?: Clock;
  /** Settings that replace the test defaults (applied over `loadConfig`). */
  config?: Partial<Config>;
  /** Called for every route the app registers, HEAD routes that Fastify adds included. */
  onRoute?: (route: RegisteredRoute) => void;
}

/** A running in-process app and what it was built from. */
export interface TestApp {
  app: App;
  db: Db;
  ctx: AppContext;
  /** Closes the app, stops the lounge and drops the database. */
  close(): Promise<void>;
}

// Fastify announces every new instance on this channel before any plugin is registered, which is
// the only way to see the routes `buildApp` registers without a hook inside it.
const fastifyInit = diagnostics.channel('fastify.initialization');

/** Builds the app around a fresh test database and a started Lounge. */
export async function createTestApp(opts: TestAppOptions): Promise<TestApp> {
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-client-'));
  fs.writeFileSync(
    path.join(clientDir, 'index.html'),
    '<!doctype html><html><head><title>Nahbar</title></head><body><div id="root"></div></body></html>',
  );
  const testDb = await createTestDatabase(opts.dialect);
  const clock = opts.clock ?? systemClock;
  const config: Config = {
    ...loadConfig({ NAHBAR_PUBLIC_URL: TEST_PUBLIC_URL, NAHBAR_CLIENT_DIR: clientDir }),
    database: testDb.config,
    ...opts.config,
  };
  // Port 1883 belongs to the machine's Mosquitto: tests get a free port on loopback.
  config.telemetry = {
    ...config.telemetry,
    mqtt: { mode: 'embedded', host: '127.0.0.1', port: 0, drainTimeoutMs: 10_000 },
    ...opts.config?.telemetry,
  };
  const cleanups: (() => Promise<void>)[] = [
    async () => fs.rmSync(clientDir, { recursive: true, force: true }),
    () => testDb.destroy(),
  ];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const secret = await loadServerSecret(testDb.db);
    const lounge = new Lounge({
      config: config.lounge,
      db: testDb.db,
      clock,
      secret,
      log: createLogger('silent'),
    });
    await lounge.start();
    cleanups.push(() => lounge.stop());
    const devices = new DeviceDirectory(testDb.db);
    const alarms = new AlarmMonitor({ db: testDb.db, clock, log: createLogger('silent') });
    await alarms.start();
    cleanups.push(() => alarms.stop());
    const telemetry = new TelemetryService({
      config: config.telemetry,
      db: testDb.db,
      clock,
      log: createLogger('silent'),
      devices,
      alarms,
    });
    await telemetry.start();
    cleanups.push(() => telemetry.stop());
    const mailer = new Mailer({
      db: testDb.db,
      clock,
      config: config.mail,
      log: createLogger('silent'),
    });
    await mailer.start();
    cleanups.push(() => mailer.stop());
    const ctx: AppContext = {
      config,
      db: testDb.db,
      clock,
      secret,
      lounge,
      devices,
      alarms,
      telemetry,
      mailer,
      // As in nahbar.ts: bookings e-mail guest and seller (kept in the outbox unless a test sets
      // `config.mail.smtpUrl`). Tests that only watch the events replace this hook.
      notifyBooking: mailBookingEvents({ mailer, clock }),
    };
    const app = await buildWatched(ctx, opts.onRoute);
    cleanups.push(() => app.close());
    await app.ready();
    return { app, db: testDb.db, ctx, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function buildWatched(ctx: AppContext, onRoute: TestAppOptions['onRoute']): Promise<App> {
  if (!onRoute) return buildApp(ctx);
  const watch = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) onRoute({ method, url: route.url });
    });
  };
  fastifyInit.subscribe(watch);
  try {
    return await buildApp(ctx);
  } finally {
    fastifyInit.unsubscribe(watch);
  }
}

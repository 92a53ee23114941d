// The composition root: opens the database, builds every service from config and starts them
// in order. `stop()` shuts them down in reverse. Used by the CLI, the tests and the benchmarks.
import type { FastifyBaseLogger } from 'fastify';
import { AlarmMonitor } from './alarms/alarm.service.js';
import { buildApp } from './app.js';
import type { App } from './app.js';
import { mailBookingEvents } from './booking/booking-mailer.js';
import { BookingReminders } from './booking/booking-reminders.js';
import { openDatabase } from './db/database.js';
import type { Db } from './db/database.js';
import { loadServerSecret } from './db/settings.js';
import type { Config } from './env.js';
import { systemClock } from './lib/clock.js';
import type { Clock } from './lib/clock.js';
import { Lounge } from './lounge/lounge.js';
import { DeviceDirectory } from './machines/device-auth.js';
import { Mailer } from './mail/mailer.js';
import { DatabaseService } from './services/database.service.js';
import { HttpService } from './services/http.service.js';
import { TelemetryService } from './telemetry/telemetry.service.js';
import { ServiceRunner } from './services/service.js';

/** A running Nahbar instance. */
export interface Nahbar {
  /** Base URL on which it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  db: Db;
  app: App;
  lounge: Lounge;
  /** Machine data, with the embedded broker's port (`telemetry.mqttPort`). */
  telemetry: TelemetryService;
  /** E-mail: the outbox and, with SMTP configured, its sending. */
  mailer: Mailer;
  /** Writes bookings' reminders to the outbox when they fall due. */
  reminders: BookingReminders;
  /** Stops every service in reverse order of start. */
  stop(): Promise<void>;
}

/** Options beyond config. */
export interface StartOptions {
  logger: FastifyBaseLogger;
  clock?: Clock;
}

/**
 * Starts database, mailer, booking reminders, lounge, alarm monitor, telemetry and HTTP, in that
 * order.
 */
export async function startNahbar(config: Config, opts: StartOptions): Promise<Nahbar> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const runner = new ServiceRunner(log);
  const { db } = await runner.start(new DatabaseService(openDatabase(config.database)));
  try {
    const secret = await loadServerSecret(db);
    // Before everything that may send mail, and stopped after it, so that no message is cut off.
    const mailer = await runner.start(
      new Mailer({ db, clock, config: config.mail, log: log.child({ svc: 'mail' }) }),
    );
    const reminders = await runner.start(
      new BookingReminders({
        db,
        clock,
        mailer,
        publicUrl: config.publicUrl,
        log: log.child({ svc: 'reminders' }),
      }),
    );
    const lounge = await runner.start(
      new Lounge({ config: config.lounge, db, clock, secret, log: log.child({ svc: 'lounge' }) }),
    );
    // One directory per process: the device service invalidates the cache every ingest path reads.
    const devices = new DeviceDirectory(db);
    const alarms = await runner.start(
      new AlarmMonitor({ db, clock, log: log.child({ svc: 'alarms' }) }),
    );
    const telemetry = await runner.start(
      new TelemetryService({
        config: config.telemetry,
        db,
        clock,
        log: log.child({ svc: 'telemetry' }),
        devices,
        alarms,
      }),
    );
    const app = await buildApp(
      {
        config,
        db,
        clock,
        secret,
        lounge,
        devices,
        alarms,
        telemetry,
        mailer,
        // Every booking, move and cancel e-mails guest and seller, within its own transaction.
        notifyBooking: mailBookingEvents({ mailer, clock }),
      },
      { logger: log },
    );
    const http = await runner.start(new HttpService(app, config.host, config.port));
    const port = http.boundPortNumber;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return {
      url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
      port,
      db,
      app,
      lounge,
      telemetry,
      mailer,
      reminders,
      stop: () => runner.stop(),
    };
  } catch (err) {
    await runner.stop();
    throw err;
  }
}

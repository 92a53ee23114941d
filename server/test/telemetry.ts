// Factories for telemetry tests and benchmarks: devices written straight into the database (with
// the owner, company and machine they need), generated readings, a logger kept in memory, and an
// embedded broker with a writer of its own.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { CompanyId, DeviceId, MachineId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { newId } from '../lib/random.js';
import type { DeviceDirectory } from '../machines/device-auth.js';
import { TelemetryIngest } from '../telemetry/ingest.js';
import { EmbeddedBroker } from '../telemetry/mqtt-broker.js';
import { ReadingBatch } from '../telemetry/reading-batch.js';
import { createTelemetryStore } from '../telemetry/store.js';
import type { StoredReading, TelemetryStore } from '../telemetry/store.js';
import { TelemetryWriter } from '../telemetry/writer.js';
import type { TelemetryWriterOptions } from '../telemetry/writer.js';

/** Inserts one machine with `count` devices and returns the devices' ids. */
export async function insertDevices(db: Db, count: number, at = Date.now()): Promise<DeviceId[]> {
  const userId = newId<UserId>();
  const companyId = newId<CompanyId>();
  const machineId = newId<MachineId>();
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: `${userId.toLowerCase()}@example.com`,
      name: 'Telemetry',
      password_hash: 'x',
      role: 'owner',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('companies')
    .values({
      id: companyId,
      owner_id: userId,
      name: 'Maschinenbau',
      name_folded: 'maschinenbau',
      shared: 0,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('machines')
    .values({
      id: machineId,
      owner_id: userId,
      company_id: companyId,
      contact_id: null,
      name: 'Fräse',
      created_at: at,
      updated_at: at,
    })
    .execute();
  const ids = Array.from({ length: count }, () => newId<DeviceId>());
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insertInto('devices')
      .values(
        ids.slice(i, i + 500).map((id, n) => ({
          id,
          machine_id: machineId,
          name: `Sensor ${i + n}`,
          token_hash: null,
          expected_interval_seconds: 1,
          last_seen_at: null,
          rejected_count: 0,
          created_at: at,
          token_changed_at: at,
        })),
      )
      .execute();
  }
  return ids;
}

/** One reading with the server time equal to the device time unless given. */
export function reading(
  deviceId: DeviceId,
  key: string,
  ts: number,
  value: number,
  receivedAt = ts,
): StoredReading {
  return { deviceId, key, ts, value, receivedAt };
}

/** Writes `readings` as one batch of `store`. */
export function writeReadings(
  store: TelemetryStore,
  readings: readonly StoredReading[],
): Promise<number> {
  return store.writeBatch(ReadingBatch.of(readings));
}

/** A logger kept in memory: the messages logged at `level` or above, and a way to await one. */
export function memoryLogger(level: 'info' | 'warn' = 'warn'): {
  log: Logger;
  messages: string[];
  logged(message: string): Promise<void>;
} {
  const messages: string[] = [];
  const waiters: Array<{ message: string; resolve(): void }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const { msg } = JSON.parse(line) as { msg: string };
        messages.push(msg);
        for (const w of waiters.filter((x) => x.message === msg)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      done();
    },
  });
  return {
    log: pino({ level }, stream),
    messages,
    logged: (message) => new Promise((resolve) => waiters.push({ message, resolve })),
  };
}

/** A running embedded broker, and what it and its writer logged (warnings and errors). */
export interface TestBroker {
  broker: EmbeddedBroker;
  logged: string[];
  /** Stops the broker, then flushes the writer and closes the store. */
  stop(): Promise<void>;
}

/**
 * Starts an embedded broker on a free port of 127.0.0.1 that authenticates through `directory`
 * and stores into `db` through a writer of its own, shaped by `writerOptions`.
 */
export async function startTestBroker(
  db: Db,
  directory: DeviceDirectory,
  writerOptions: Partial<Omit<TelemetryWriterOptions, 'store' | 'log'>> = {},
): Promise<TestBroker> {
  const { log, messages } = memoryLogger();
  const store = createTelemetryStore(db);
  const writer = new TelemetryWriter({ store, log, ...writerOptions });
  const ingest = new TelemetryIngest({ directory, writer, clock: systemClock, log });
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    drainTimeoutMs: 30_000,
    directory,
    ingest,
    log,
  });
  await writer.start();
  await broker.start();
  return {
    broker,
    logged: messages,
    async stop() {
      await broker.stop();
      await writer.stop();
      await store.close();
    },
  };
}

// The database side of the ingest benchmark, written before Nahbar starts (as the crash test in
// server/telemetry/ingest.crash.test.ts does): an owner with a session whose cookie a browser can
// carry, a customer company, the devices the load generator publishes as (each with its own
// token), a fleet of machines for the latency run, and one machine with a day of 1 Hz data for
// the chart query. Rows go straight into the database; tokens are issued as the device service
// issues them (only their hashes are stored).
import path from 'node:path';
import type { CompanyId, DeviceId, MachineId, UserId } from '../../shared/ids.js';
import { SESSION_COOKIE } from '../../server/accounts/auth.js';
import { migrateToLatest, openDatabase } from '../../server/db/database.js';
import type { Db } from '../../server/db/database.js';
import { hashToken, newId, newToken } from '../../server/lib/random.js';
import { issueDeviceToken } from '../../server/machines/device-token.js';
import { createTelemetryStore } from '../../server/telemetry/store.js';
import type { StoredReading } from '../../server/telemetry/store.js';
import { insertDevice, insertMachine } from '../../server/test/alarm-fixtures.js';
import { writeReadings } from '../../server/test/telemetry.js';
import { createTestDatabase } from '../../server/test/databases.js';
import type { BenchDialect } from './memory-seed.js';

/** A device the benchmark publishes as. */
export interface BenchDevice {
  deviceId: DeviceId;
  machineId: MachineId;
  token: string;
}

/** A fresh database for one benchmark run and how Nahbar reaches it. */
export interface IngestDatabase {
  db: Db;
  /** Environment for the Nahbar process (NAHBAR_DATABASE_URL on PostgreSQL). */
  env: Record<string, string>;
  destroy(): Promise<void>;
}

/** Opens a fresh, migrated database: `nahbar.sqlite` in Nahbar's data dir, or a new PostgreSQL database. */
export async function openIngestDatabase(
  dialect: BenchDialect,
  dataDir: string,
): Promise<IngestDatabase> {
  if (dialect === 'postgres') {
    const test = await createTestDatabase('postgres');
    if (test.config.dialect !== 'postgres') throw new Error('expected a PostgreSQL database');
    return {
      db: test.db,
      env: { NAHBAR_DATABASE_URL: test.config.url },
      destroy: () => test.destroy(),
    };
  }
  // Nahbar's default file in its data dir, so the child process opens the same database.
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'nahbar.sqlite') });
  await migrateToLatest(db);
  return { db, env: {}, destroy: () => db.destroy() };
}

/** What was seeded. */
export interface IngestSeed {
  /** `Cookie` header value of the owner's session. */
  cookie: { name: string; value: string };
  /** Devices of the throughput runs (spread over machines of `loadDevicesPerMachine`). */
  loadDevices: BenchDevice[];
  /** The fleet of the latency run, machine by machine. */
  fleet: BenchDevice[][];
  /** The chart machine: one device, one key (`temp`), 86,400 readings ending at `end`. */
  chart: { machineId: MachineId; deviceId: DeviceId; end: number };
}

/** Sizes of the seed. */
export interface IngestSeedOptions {
  loadDevices: number;
  loadDevicesPerMachine: number;
  fleetMachines: number;
  fleetDevicesPerMachine: number;
  /** End of the chart's day (epoch ms). */
  chartEnd: number;
}

const DAY_SECONDS = 86_400;
const CHART_BATCH = 5_000;

async function insertMachinesWithDevices(
  db: Db,
  props: { ownerId: UserId; companyId: CompanyId; machines: number; devicesPerMachine: number },
): Promise<BenchDevice[][]> {
  return db.transaction().execute(async (trx) => {
    const machines: BenchDevice[][] = [];
    for (let m = 0; m < props.machines; m++) {
      const machineId = await insertMachine(trx, {
        ownerId: props.ownerId,
        companyId: props.companyId,
        name: `Bench machine ${m + 1}`,
      });
      const devices: BenchDevice[] = [];
      for (let d = 0; d < props.devicesPerMachine; d++) {
        const deviceId = await insertDevice(trx, { machineId, expectedIntervalSeconds: 1 });
        const { token, hash } = issueDeviceToken();
        await trx
          .updateTable('devices')
          .set({ token_hash: hash })
          .where('id', '=', deviceId)
          .execute();
        devices.push({ deviceId, machineId, token });
      }
      machines.push(devices);
    }
    return machines;
  });
}

/** A slow daily wave with one spike, as telemetry.ts charts it. */
function chartValue(second: number): number {
  return second === 50_000 ? 500 : 50 + 10 * Math.sin(second / 3_600);
}

/** Seeds owner, session, devices and the chart day; returns what the benchmark needs. */
export async function seedIngest(db: Db, opts: IngestSeedOptions): Promise<IngestSeed> {
  const now = Date.now();
  const ownerId = newId<UserId>();
  await db
    .insertInto('users')
    .values({
      id: ownerId,
      email: 'ingest@nahbar.test',
      name: 'Ingest Bench',
      password_hash: 'not-a-hash',
      role: 'owner',
      created_at: now,
    })
    .execute();
  // A session as a login creates it: the cookie carries the token, the row its hash.
  const sessionToken = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(sessionToken),
      user_id: ownerId,
      created_at: now,
      expires_at: now + 7 * 86_400_000,
      last_seen_at: now,
    })
    .execute();
  const companyId = newId<CompanyId>();
  await db
    .insertInto('companies')
    .values({
      id: companyId,
      owner_id: ownerId,
      name: 'Maschinenbau Bench',
      name_folded: 'maschinenbau bench',
      shared: 0,
      created_at: now,
    })
    .execute();
  const loadMachines = await insertMachinesWithDevices(db, {
    ownerId,
    companyId,
    machines: Math.ceil(opts.loadDevices / opts.loadDevicesPerMachine),
    devicesPerMachine: opts.loadDevicesPerMachine,
  });
  const fleet = await insertMachinesWithDevices(db, {
    ownerId,
    companyId,
    machines: opts.fleetMachines,
    devicesPerMachine: opts.fleetDevicesPerMachine,
  });
  const [chartMachine] = await insertMachinesWithDevices(db, {
    ownerId,
    companyId,
    machines: 1,
    devicesPerMachine: 1,
  });
  const chartDevice = chartMachine?.[0];
  if (!chartDevice) throw new Error('no chart device');
  // The store's own batched write, so the per-minute rollups are built as in production.
  const store = createTelemetryStore(db);
  const start = opts.chartEnd - DAY_SECONDS * 1000;
  for (let s = 0; s < DAY_SECONDS; s += CHART_BATCH) {
    const readings: StoredReading[] = [];
    for (let t = s; t < Math.min(s + CHART_BATCH, DAY_SECONDS); t++) {
      const ts = start + (t + 1) * 1000;
      readings.push({
        deviceId: chartDevice.deviceId,
        key: 'temp',
        ts,
        value: chartValue(t),
        receivedAt: ts,
      });
    }
    await writeReadings(store, readings);
  }
  return {
    cookie: { name: SESSION_COOKIE, value: sessionToken },
    loadDevices: loadMachines.flat().slice(0, opts.loadDevices),
    fleet,
    chart: { machineId: chartDevice.machineId, deviceId: chartDevice.deviceId, end: opts.chartEnd },
  };
}

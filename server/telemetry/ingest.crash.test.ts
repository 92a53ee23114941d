// No acknowledged reading is lost: a real Nahbar process takes QoS 1 telemetry from a real MQTT
// client, is killed with SIGKILL in the middle of it, and is started again on the same database.
// Every reading whose PUBACK reached the client must be there; on SQLite and on PostgreSQL.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompanyId, DeviceId, UserId } from '../../shared/ids.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Db } from '../db/database.js';
import type { DatabaseConfig } from '../env.js';
import { newId } from '../lib/random.js';
import { issueDeviceToken } from '../machines/device-token.js';
import { insertDevice, insertMachine } from '../test/alarm-fixtures.js';
import { createTestDatabase, DIALECTS } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { freePort } from '../test/ports.js';
import { TELEMETRY_TOPIC } from './mqtt-broker.js';

const MESSAGES = 20_000;
const KILL_AFTER_ACKS = 3_000;
const BASE_TS = Date.UTC(2026, 10, 1);

/** A seller, a company, a machine and a device with a token, written straight into the database. */
async function seedDevice(db: Db): Promise<{ deviceId: DeviceId; token: string }> {
  const ownerId = newId<UserId>();
  const now = Date.now();
  await db
    .insertInto('users')
    .values({
      id: ownerId,
      email: 'crash@nahbar.test',
      name: 'Crash Test',
      password_hash: 'not-a-hash',
      role: 'owner',
      created_at: now,
    })
    .execute();
  const companyId = newId<CompanyId>();
  await db
    .insertInto('companies')
    .values({
      id: companyId,
      owner_id: ownerId,
      name: 'Werk',
      name_folded: 'werk',
      shared: 0,
      created_at: now,
    })
    .execute();
  const machineId = await insertMachine(db, { ownerId, companyId });
  const deviceId = await insertDevice(db, { machineId });
  const { token, hash } = issueDeviceToken();
  await db.updateTable('devices').set({ token_hash: hash }).where('id', '=', deviceId).execute();
  return { deviceId, token };
}

/** `tsx server/main.ts start` on free loopback ports; resolves once the broker takes connections. */
async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'start'], {
    env: { ...process.env, ...env, NAHBAR_LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Nahbar exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${env.NAHBAR_PORT}/healthz`);
      if (res.ok) return child;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('Nahbar did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

describe.each(DIALECTS)('killing Nahbar during ingest on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every reading it acknowledged', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-crash-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    let database: DatabaseConfig;
    let db: Db;
    if (dialect === 'sqlite') {
      database = { dialect: 'sqlite', file: path.join(dataDir, 'nahbar.sqlite') };
      db = openDatabase(database);
      await migrateToLatest(db);
      cleanups.push(() => db.destroy());
    } else {
      const pgDb: TestDatabase = await createTestDatabase('postgres');
      cleanups.push(() => pgDb.destroy());
      database = pgDb.config;
      db = pgDb.db;
    }
    const { deviceId, token } = await seedDevice(db);
    const env = {
      NAHBAR_HOST: '127.0.0.1',
      NAHBAR_PORT: String(await freePort()),
      NAHBAR_MQTT_PORT: String(await freePort()),
      NAHBAR_DATA_DIR: dataDir,
      ...(database.dialect === 'postgres' ? { NAHBAR_DATABASE_URL: database.url } : {}),
    };

    const server = await startServer(env);
    cleanups.push(async () => {
      server.kill('SIGKILL');
      await exited(server);
    });
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${env.NAHBAR_MQTT_PORT}`, {
      username: token,
      reconnectPeriod: 0,
    });
    client.on('error', () => undefined);
    const acked: number[] = [];
    const killed = new Promise<void>((resolve) => {
      for (let i = 0; i < MESSAGES; i++) {
        const payload = JSON.stringify({ ts: BASE_TS + i * 1000, values: { n: i } });
        client.publish(TELEMETRY_TOPIC, payload, { qos: 1 }, (err) => {
          if (err) return;
          acked.push(i);
          if (acked.length === KILL_AFTER_ACKS) {
            server.kill('SIGKILL');
            resolve();
          }
        });
      }
    });
    await killed;
    await exited(server);
    client.end(true);
    // The kill landed in the middle: messages were in flight, not all were acknowledged.
    expect(acked.length).toBeLessThan(MESSAGES);

    const restarted = await startServer(env);
    cleanups.push(async () => {
      restarted.kill('SIGTERM');
      await exited(restarted);
    });
    const rows = await db
      .selectFrom('readings')
      .select('ts')
      .where('device_id', '=', deviceId)
      .where('key', '=', 'n')
      .execute();
    const stored = new Set(rows.map((r) => r.ts));
    const lost = acked.filter((i) => !stored.has(BASE_TS + i * 1000));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acked.length);
  }, 120_000);
});

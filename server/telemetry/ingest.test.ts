// The ingest path of messages that get no acknowledgement (MQTT QoS 0): an outcome at once, with
// no promise, while the writer's queue has room, and a promise only when the readings must wait.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId, MachineId } from '../../shared/ids.js';
import { systemClock } from '../lib/clock.js';
import { DeviceDirectory } from '../machines/device-auth.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, memoryLogger } from '../test/telemetry.js';
import { TelemetryIngest } from './ingest.js';
import { createTelemetryStore } from './store.js';
import type { TelemetryStore } from './store.js';
import { TelemetryWriter } from './writer.js';

// An hour ago: a time ahead of the server would be clamped to the time of receipt.
const T0 = Math.floor(Date.now() / 1_000) * 1_000 - 3_600_000;
const payload = (i: number) =>
  Buffer.from(JSON.stringify({ ts: T0 + i * 1_000, values: { temp: i, hum: 50 + i } }));

describe.each(DIALECTS)('ingest of unacknowledged messages on %s', (dialect) => {
  let t: TestDatabase;
  let store: TelemetryStore;
  let writer: TelemetryWriter;
  let ingest: TelemetryIngest;
  let device: { deviceId: DeviceId; machineId: MachineId };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    store = createTelemetryStore(t.db);
    const { log } = memoryLogger();
    // Room for one message of two readings; batches leave only on stop.
    writer = new TelemetryWriter({ store, log, maxBatch: 100, maxQueued: 2, maxDelayMs: 60_000 });
    await writer.start();
    const directory = new DeviceDirectory(t.db);
    ingest = new TelemetryIngest({ directory, writer, clock: systemClock, log });
    const [deviceId] = (await insertDevices(t.db, 1)) as [DeviceId];
    device = { deviceId, machineId: 'machine' as MachineId };
  });
  afterEach(async () => {
    await writer.stop();
    await store.close();
    await t.destroy();
  });

  it('answers at once while the queue has room and with a promise once it is full', async () => {
    expect(ingest.ingestUnacknowledged(device, payload(1))).toEqual({ stored: 2, rejected: [] });
    const waiting = ingest.ingestUnacknowledged(device, payload(2));
    expect(waiting).toBeInstanceOf(Promise);
    // Garbage needs no room: refused at once, and counted on the device.
    expect(ingest.ingestUnacknowledged(device, Buffer.from('{"temp":"warm"}'))).toEqual({
      stored: 0,
      rejected: [expect.objectContaining({ reason: 'bad_value', key: 'temp' })],
    });
    await writer.stop();
    await expect(waiting).resolves.toEqual({ stored: 2, rejected: [] });
    const rows = await t.db.selectFrom('readings').select('ts').orderBy('ts').execute();
    expect(rows.map((r) => r.ts)).toEqual([T0 + 1_000, T0 + 1_000, T0 + 2_000, T0 + 2_000]);
  });

  it('hands a stopped writer on as a promise that rejects', async () => {
    await writer.stop();
    const outcome = ingest.ingestUnacknowledged(device, payload(1));
    expect(outcome).toBeInstanceOf(Promise);
    await expect(outcome).rejects.toThrow('not running');
  });
});

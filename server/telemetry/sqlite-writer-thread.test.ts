import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../shared/ids.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, reading } from '../test/telemetry.js';
import { ReadingBatch } from './reading-batch.js';
import type { StoredReading } from './store.js';
import { SqliteWriterError, SqliteWriterThread } from './sqlite-writer-thread.js';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);

function write(thread: SqliteWriterThread, readings: StoredReading[]): Promise<number> {
  return thread.write(ReadingBatch.of(readings));
}

describe('the telemetry writer thread', () => {
  let t: TestDatabase;
  let thread: SqliteWriterThread;
  let device: DeviceId;
  let other: DeviceId;

  beforeEach(async () => {
    t = await createTestDatabase('sqlite-file');
    if (t.config.dialect !== 'sqlite') throw new Error('a SQLite file was expected');
    thread = new SqliteWriterThread(t.config.file);
    [device, other] = (await insertDevices(t.db, 2)) as [DeviceId, DeviceId];
  });
  afterEach(async () => {
    await thread.close();
    await t.destroy();
  });

  async function stored(deviceId: DeviceId) {
    return t.db
      .selectFrom('readings')
      .select(['key', 'ts', 'value'])
      .where('device_id', '=', deviceId)
      .orderBy('key')
      .orderBy('ts')
      .execute();
  }

  it('writes batches in the order posted and answers each with its new rows', async () => {
    const [first, second] = await Promise.all([
      write(thread, [
        reading(device, 'temp', T0, 20),
        reading(device, 'hum', T0, 40),
        reading(other, 'temp', T0, 5),
      ]),
      // A repeat of the first batch's reading with another value: the first one wins.
      write(thread, [reading(device, 'temp', T0, 99), reading(device, 'temp', T0 + 1_000, 21)]),
    ]);
    expect([first, second]).toEqual([3, 1]);
    expect(await stored(device)).toEqual([
      { key: 'hum', ts: T0, value: 40 },
      { key: 'temp', ts: T0, value: 20 },
      { key: 'temp', ts: T0 + 1_000, value: 21 },
    ]);
    const seen = await t.db
      .selectFrom('devices')
      .select('last_seen_at')
      .where('id', '=', device)
      .executeTakeFirstOrThrow();
    expect(seen.last_seen_at).toBe(T0 + 1_000);
  });

  it("rejects a batch SQLite refuses with SQLite's code, stores none of it, and writes the next", async () => {
    // NaN is bound as NULL, which the NOT NULL column refuses after the first row was inserted.
    const refused = write(thread, [
      reading(device, 'temp', T0, 1),
      { ...reading(device, 'temp', T0 + 1_000, 0), value: NaN },
    ]);
    await expect(refused).rejects.toThrow(SqliteWriterError);
    await expect(refused).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(await stored(device)).toEqual([]);
    expect(await write(thread, [reading(device, 'temp', T0, 1)])).toBe(1);
  });

  it('starts a new thread for the next write after close', async () => {
    expect(await write(thread, [reading(device, 'temp', T0, 1)])).toBe(1);
    await thread.close();
    await thread.close();
    expect(await write(thread, [reading(device, 'temp', T0 + 1_000, 2)])).toBe(1);
    expect(await stored(device)).toHaveLength(2);
  });
});

describe('a writer thread that cannot open its database', () => {
  it('rejects the write with the reason, and the next write tries again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-thread-'));
    // A regular file where the database's folder should be.
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const thread = new SqliteWriterThread(path.join(blocker, 'nahbar.db'));
    try {
      const batch = [reading('dev' as DeviceId, 'temp', T0, 1)];
      await expect(write(thread, batch)).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
      await expect(write(thread, batch)).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
    } finally {
      await thread.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

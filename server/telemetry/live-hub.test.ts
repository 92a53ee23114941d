import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveValue } from '../../shared/api/machines.js';
import type { DeviceId, MachineId } from '../../shared/ids.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, memoryLogger, reading } from '../test/telemetry.js';
import { LiveHub } from './live-hub.js';

const INTERVAL_MS = 100;
// The hub stamps a push before it calls the listeners, and the test stamps it in its listener:
// on a loaded machine the first stamp can come a few milliseconds after the hub's, which makes
// the gap the test sees that much shorter than the hub's (a CI run saw 97 ms for 100).
const LISTENER_SLACK_MS = 5;

interface Push {
  at: number;
  values: LiveValue[];
}

describe('live hub', () => {
  let t: TestDatabase;
  let hub: LiveHub;
  let machineId: MachineId;
  let a: DeviceId;
  let b: DeviceId;
  const pushes: Push[] = [];

  beforeEach(async () => {
    t = await createTestDatabase('sqlite');
    [a, b] = (await insertDevices(t.db, 2)) as [DeviceId, DeviceId];
    const row = await t.db
      .selectFrom('devices')
      .select('machine_id')
      .where('id', '=', a)
      .executeTakeFirstOrThrow();
    machineId = row.machine_id;
    hub = new LiveHub(t.db, memoryLogger().log, INTERVAL_MS);
    pushes.length = 0;
    hub.subscribe(machineId, (values) => pushes.push({ at: performance.now(), values }));
  });
  afterEach(async () => {
    hub.close();
    await t.destroy();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const pushed = async (count: number) => {
    const deadline = performance.now() + 2_000;
    while (pushes.length < count && performance.now() < deadline) await sleep(2);
    return pushes.map((p) => p.values.map((v) => `${v.deviceId === a ? 'a' : 'b'}${v.value}`));
  };

  it("pushes a device's first value at once and holds its next ones for one interval", async () => {
    const start = performance.now();
    hub.publish([reading(a, 'temp', 1, 1)]);
    expect(await pushed(1)).toEqual([['a1']]);
    hub.publish([reading(a, 'temp', 2, 2)]);
    hub.publish([reading(a, 'temp', 3, 3)]);
    expect(await pushed(2)).toEqual([['a1'], ['a2', 'a3']]);
    expect(pushes[0]!.at - start).toBeLessThan(INTERVAL_MS / 2);
    expect(pushes[1]!.at - pushes[0]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - LISTENER_SLACK_MS);
    // No more than one interval late either (timers are coarse: a little slack).
    expect(pushes[1]!.at - pushes[0]!.at).toBeLessThan(INTERVAL_MS + 50);
  });

  it('does not hold one device back for another that was just pushed', async () => {
    hub.publish([reading(a, 'temp', 1, 1)]);
    await pushed(1);
    hub.publish([reading(a, 'temp', 2, 2), reading(b, 'temp', 2, 20)]);
    // b's value leaves at once; a's waits for its interval.
    expect(await pushed(3)).toEqual([['a1'], ['b20'], ['a2']]);
    expect(pushes[1]!.at - pushes[0]!.at).toBeLessThan(INTERVAL_MS / 2);
    expect(pushes[2]!.at - pushes[0]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - LISTENER_SLACK_MS);
  });

  it('pushes a chatty device at most once per interval, in order, losing nothing', async () => {
    for (let i = 0; i < 60; i++) {
      hub.publish([reading(a, 'temp', 1_000 + i, i)]);
      await sleep(5);
    }
    await sleep(INTERVAL_MS + 50);
    const values = pushes.flatMap((p) => p.values.map((v) => v.value));
    expect(values).toEqual(Array.from({ length: 60 }, (_, i) => i));
    for (let i = 1; i < pushes.length; i++) {
      expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS);
    }
    // 60 values over 300 ms or more: several pushes, each a batch.
    expect(pushes.length).toBeGreaterThan(2);
    expect(pushes.length).toBeLessThan(60);
  });
});

// The alarm monitor on SQLite and PostgreSQL with a fake clock: alarms opened and closed as rows,
// one open alarm per rule even when two monitors race, rule state that survives a restart, and
// the Today reason an open alarm gives the machine's customer contact.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmId, AlarmRuleId, DeviceId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { isUniqueViolation } from '../db/errors.js';
import { FakeClock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { createCustomerMachine } from '../test/alarm-fixtures.js';
import type { CustomerMachine } from '../test/alarm-fixtures.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost, recordingLogger } from '../test/lounge-harness.js';
import { buildToday } from '../today/today.service.js';
import { logTouchpoint } from '../touchpoints/touchpoint.service.js';
import { AlarmMonitor } from './alarm.service.js';
import type { MonitorReading } from './alarm.service.js';
import type { CreateAlarmRuleInput } from './alarm.schemas.js';
import { createAlarmRule, deleteAlarmRule } from './rule.service.js';

const SECOND = 1000;

describe.each(DIALECTS)('alarm monitor on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9, 0, 0));
  const monitors: AlarmMonitor[] = [];
  const logs: { level: number; msg: string }[][] = [];
  /** Warnings and errors the monitors of the current test logged. */
  const logged = () => logs.flat().map((line) => line.msg);
  let serial = 0;

  /** A started monitor over the test database (stopped after each test). */
  async function startMonitor(): Promise<AlarmMonitor> {
    const { log, lines } = recordingLogger();
    logs.push(lines);
    const monitor = new AlarmMonitor({ db: tdb.db, clock, log });
    monitors.push(monitor);
    await monitor.start();
    return monitor;
  }

  /** A fresh customer with a machine and a device whose data arrives every 10 s. */
  const customer = () =>
    createCustomerMachine(tdb.db, clock, seller, {
      contactName: `Kundin ${++serial}`,
      machineName: `Fräse ${serial}`,
      expectedIntervalSeconds: 10,
    });

  const addRule = async (monitor: AlarmMonitor, deviceId: DeviceId, input: CreateAlarmRuleInput) =>
    (await createAlarmRule({ db: tdb.db, clock, monitor }, { viewer: seller, deviceId, input })).id;

  /** Readings of `temp` at the fake clock's time plus the given seconds. */
  const temp = (deviceId: DeviceId, ...points: [seconds: number, value: number][]) =>
    points.map(([seconds, value]): MonitorReading => ({
      deviceId,
      key: 'temp',
      ts: clock.now() + seconds * SECOND,
      value,
    }));

  const alarmsOf = (ruleId: AlarmRuleId) =>
    tdb.db
      .selectFrom('alarms')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .orderBy('opened_at')
      .execute();

  const storedState = async (ruleId: AlarmRuleId) => {
    const row = await tdb.db
      .selectFrom('alarm_rules')
      .select('state')
      .where('id', '=', ruleId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.state) as unknown;
  };

  const hot = { kind: 'above', key: 'temp', threshold: 90, hysteresis: 5, minDurationSeconds: 60 };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Mona Machines' })).userId, isOwner: false };
  });

  afterEach(async () => {
    for (const monitor of monitors.splice(0)) await monitor.stop();
    // No evaluation failed (pino's level 50 is error).
    expect(logs.flat().filter((line) => line.level >= 50)).toEqual([]);
    logs.splice(0);
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('opens an alarm row when a threshold held long enough and closes it below the hysteresis', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(monitor, m.deviceId, hot as CreateAlarmRuleInput);
    const t0 = clock.now();
    await monitor.onReadings(temp(m.deviceId, [0, 95], [30, 96]));
    expect(await alarmsOf(ruleId)).toEqual([]);
    await monitor.onReadings(temp(m.deviceId, [60, 97], [61, 88]));
    const [open] = await alarmsOf(ruleId);
    expect(open).toMatchObject({
      machine_id: m.machineId,
      device_id: m.deviceId,
      kind: 'above',
      key: 'temp',
      value: 97,
      opened_at: t0 + 60 * SECOND,
      closed_at: null,
    });
    await monitor.onReadings(temp(m.deviceId, [62, 84]));
    expect((await alarmsOf(ruleId)).map((a) => a.closed_at)).toEqual([t0 + 62 * SECOND]);
    expect(await storedState(ruleId)).toEqual({
      lastTs: t0 + 62 * SECOND,
      pendingSince: null,
      firing: false,
    });
  });

  it('ignores readings of other devices and keys', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const other = await customer();
    const ruleId = await addRule(monitor, m.deviceId, {
      ...hot,
      minDurationSeconds: 0,
    } as CreateAlarmRuleInput);
    await monitor.onReadings([
      ...temp(other.deviceId, [0, 99]),
      { deviceId: m.deviceId, key: 'humidity', ts: clock.now(), value: 99 },
    ]);
    expect(await alarmsOf(ruleId)).toEqual([]);
  });

  it('opens an offline alarm on a tick and closes it when fresh data arrives', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(monitor, m.deviceId, { kind: 'offline', intervals: 3 });
    const t0 = clock.now();
    await monitor.onReadings(temp(m.deviceId, [0, 20]));
    await monitor.tick(t0 + 29 * SECOND);
    expect(await alarmsOf(ruleId)).toEqual([]);
    await monitor.tick(t0 + 45 * SECOND);
    const [open] = await alarmsOf(ruleId);
    expect(open).toMatchObject({
      kind: 'offline',
      key: null,
      value: null,
      opened_at: t0 + 30 * SECOND,
    });
    clock.advance(50 * SECOND);
    await monitor.onReadings(temp(m.deviceId, [0, 21]));
    expect((await alarmsOf(ruleId)).map((a) => a.closed_at)).toEqual([clock.now()]);
  });

  it('lets the database refuse a second open alarm of a rule', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(monitor, m.deviceId, { kind: 'offline', intervals: 1 });
    const row = {
      rule_id: ruleId,
      machine_id: m.machineId,
      device_id: m.deviceId,
      kind: 'offline' as const,
      key: null,
      value: null,
      opened_at: clock.now(),
      closed_at: null,
    };
    await tdb.db
      .insertInto('alarms')
      .values({ ...row, id: newId<AlarmId>() })
      .execute();
    const second = tdb.db
      .insertInto('alarms')
      .values({ ...row, id: newId<AlarmId>() })
      .execute();
    await expect(second.catch((err: unknown) => isUniqueViolation(err))).resolves.toBe(true);
    // A closed one beside the open one is fine.
    await tdb.db
      .insertInto('alarms')
      .values({ ...row, id: newId<AlarmId>(), closed_at: clock.now() })
      .execute();
  });

  it('keeps one open alarm per rule when two monitors evaluate the same readings at once', async () => {
    const first = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(first, m.deviceId, {
      ...hot,
      minDurationSeconds: 0,
    } as CreateAlarmRuleInput);
    const second = await startMonitor();
    const readings = temp(m.deviceId, [0, 95]);
    await Promise.all([first.onReadings(readings), second.onReadings(readings)]);
    const open = (await alarmsOf(ruleId)).filter((a) => a.closed_at === null);
    expect(open).toHaveLength(1);
    expect(logged()).toEqual(['alarm already opened elsewhere; state reloaded']);
    // The monitor that lost took the winner's state: both close the one alarm, neither reopens.
    const cool = temp(m.deviceId, [1, 50]);
    await Promise.all([first.onReadings(cool), second.onReadings(cool)]);
    const after = await alarmsOf(ruleId);
    expect(after).toHaveLength(1);
    expect(after[0]?.closed_at).toBe(clock.now() + SECOND);
    expect(logged()).toHaveLength(1);
  });

  it('continues a pending duration in a new monitor after a restart', async () => {
    const before = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(before, m.deviceId, hot as CreateAlarmRuleInput);
    const t0 = clock.now();
    await before.onReadings(temp(m.deviceId, [0, 95], [40, 96]));
    await before.stop();

    const after = await startMonitor();
    // 60 s after the first reading above, counted across the restart.
    await after.onReadings(temp(m.deviceId, [60, 97]));
    expect(await alarmsOf(ruleId)).toMatchObject([
      { opened_at: t0 + 60 * SECOND, closed_at: null },
    ]);
  });

  it('keeps an open alarm open across a restart and closes it later', async () => {
    const before = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(before, m.deviceId, {
      ...hot,
      minDurationSeconds: 0,
    } as CreateAlarmRuleInput);
    await before.onReadings(temp(m.deviceId, [0, 95]));
    await before.stop();

    const after = await startMonitor();
    // Between threshold and threshold − hysteresis: still firing, no second alarm.
    await after.onReadings(temp(m.deviceId, [5, 87], [6, 93]));
    expect(await alarmsOf(ruleId)).toMatchObject([{ closed_at: null }]);
    await after.onReadings(temp(m.deviceId, [10, 80]));
    expect(await alarmsOf(ruleId)).toMatchObject([{ closed_at: clock.now() + 10 * SECOND }]);
  });

  it('opens an offline alarm when it starts after a silence, dated when the gap became too long', async () => {
    const before = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(before, m.deviceId, { kind: 'offline', intervals: 6 });
    const t0 = clock.now();
    await before.onReadings(temp(m.deviceId, [0, 20]));
    await before.stop();
    clock.advance(3600 * SECOND);
    await startMonitor();
    expect(await alarmsOf(ruleId)).toMatchObject([
      { opened_at: t0 + 60 * SECOND, closed_at: null },
    ]);
  });

  it('counts data stored while no monitor listened (the device row) for offline rules', async () => {
    const before = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(before, m.deviceId, { kind: 'offline', intervals: 6 });
    await before.stop();
    clock.advance(3600 * SECOND);
    await tdb.db
      .updateTable('devices')
      .set({ last_seen_at: clock.now() - 5 * SECOND })
      .where('id', '=', m.deviceId)
      .execute();
    await startMonitor();
    expect(await alarmsOf(ruleId)).toEqual([]);
  });

  it('evaluates a rule from its creation and forgets it when deleted', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const quick = { ...hot, minDurationSeconds: 0 } as CreateAlarmRuleInput;
    const ruleId = await addRule(monitor, m.deviceId, quick);
    await monitor.onReadings(temp(m.deviceId, [0, 99]));
    expect(await alarmsOf(ruleId)).toHaveLength(1);
    await deleteAlarmRule({ db: tdb.db, monitor }, { viewer: seller, ruleId });
    await monitor.onReadings(temp(m.deviceId, [1, 50], [2, 99]));
    expect(await alarmsOf(ruleId)).toEqual([]);
  });

  it('forgets a rule whose device was deleted without telling it, without failing', async () => {
    const monitor = await startMonitor();
    const m = await customer();
    const ruleId = await addRule(monitor, m.deviceId, { kind: 'offline', intervals: 1 });
    await tdb.db.deleteFrom('devices').where('id', '=', m.deviceId).execute();
    await monitor.tick(clock.now() + 3600 * SECOND);
    expect(await alarmsOf(ruleId)).toEqual([]);
    // The error of the failed write is not logged (afterEach checks), and nothing is retried.
    await monitor.tick(clock.now() + 7200 * SECOND);
    expect(logged()).toEqual([]);
  });

  it('puts the contact on Today with the alarm as the reason, and takes it off after the close', async () => {
    const monitor = await startMonitor();
    const m: CustomerMachine = await customer();
    // Touched just now: not due for weeks, so only the alarm can bring them onto Today.
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: m.contactId,
      kind: 'call',
      summary: '',
    });
    const name = `Kundin ${serial}`;
    const ruleId = await addRule(monitor, m.deviceId, {
      ...hot,
      minDurationSeconds: 0,
    } as CreateAlarmRuleInput);
    const entryOf = async () =>
      (await buildToday(tdb.db, clock, seller, 100)).entries.find((e) => e.contact.name === name);
    expect(await entryOf()).toBeUndefined();

    await monitor.onReadings(temp(m.deviceId, [0, 97.5]));
    const [alarm] = await alarmsOf(ruleId);
    const entry = await entryOf();
    expect(entry?.reasons).toEqual([
      {
        kind: 'machine_alarm',
        detail: {
          machineId: m.machineId,
          machineName: `Fräse ${serial}`,
          alarmKind: 'above',
          key: 'temp',
          value: 97.5,
          threshold: 90,
          openedAt: alarm?.opened_at,
          link: `/machines/${m.machineId}?at=${alarm?.opened_at}`,
        },
      },
    ]);
    // Another seller never sees it.
    const other = { id: (await createHost(tdb.db, { name: 'Otto Other' })).userId, isOwner: false };
    const theirs = await buildToday(tdb.db, clock, other, 100);
    expect(theirs.entries.map((e) => e.contact.name)).not.toContain(name);

    await monitor.onReadings(temp(m.deviceId, [1, 20]));
    expect(await entryOf()).toBeUndefined();
  });
});

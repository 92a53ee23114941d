// The simulator against a real embedded broker and real databases: two runs provision the demo
// fleet once, publish every WunderBar key with real device tokens, rotate the tokens, and leave
// the machines online. Plus the command line's arguments and where it publishes to.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineSeriesView, MachineView } from '../../shared/api/machines.js';
import type { MachineId } from '../../shared/ids.js';
import { expectStatus, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { DEMO_DEVICES } from './demo-data.js';
import { SetupRequiredError, provisionDemoFleet } from './demo-fleet.js';
import { parseSimulateArgs, runSimulation } from './simulate.js';
import type { SimulateOptions, SimulationResult } from './simulate.js';
import { SimulatorError, mqttTargetOf } from './simulator.js';
import { WUNDERBAR_KEYS } from './wunderbar.js';

const OPTIONS: SimulateOptions = { machines: 2, rate: 5, anomaly: 0.2, duration: 3, seed: 4 };

describe.each(DIALECTS)('the simulator on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let beforeSetup: unknown;
  let first: SimulationResult;
  let second: SimulationResult;

  const simulate = (options: Partial<SimulateOptions> = {}) =>
    runSimulation({
      db: t.db,
      clock: t.ctx.clock,
      directory: t.ctx.devices,
      target: mqttTargetOf({
        mode: 'embedded',
        host: '127.0.0.1',
        port: t.ctx.telemetry.mqttPort,
        drainTimeoutMs: 10_000,
      }),
      options: { ...OPTIONS, ...options },
    });

  const machinesNamed = async (name: string) => {
    const res = await owner.agent.get('/api/machines');
    expectStatus(res, 200);
    return res.json<{ machines: MachineView[] }>().machines.filter((m) => m.name === name);
  };

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    beforeSetup = await provisionDemoFleet(t.db, t.ctx.clock, t.ctx.devices, {
      machines: 1,
      expectedIntervalSeconds: 1,
    }).catch((err: unknown) => err);
    owner = await setupOwner(t, { name: 'Olga Owner' });
    first = await simulate();
    second = await simulate({ duration: 1.5 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('asks for the setup link while there is no owner account', () => {
    expect(beforeSetup).toBeInstanceOf(SetupRequiredError);
    expect((beforeSetup as Error).message).toMatch(/setup link/);
  });

  it('creates each demo machine, customer and device once, however often it runs', async () => {
    expect(second.fleet.map((m) => m.machineId)).toEqual(first.fleet.map((m) => m.machineId));
    for (const name of ['CNC-Fräse 1', 'Drehzentrum 1']) {
      const [machine, ...others] = await machinesNamed(name);
      expect(others).toEqual([]);
      // Devices made in the same millisecond have no defined order among themselves.
      expect(machine?.devices.map((d) => d.name).sort()).toEqual(
        DEMO_DEVICES.map((d) => d.name).sort(),
      );
    }
    const [cnc] = await machinesNamed('CNC-Fräse 1');
    expect(cnc?.companyName).toBe('Demo: Müller Maschinenbau GmbH');
    const climate = cnc?.devices.find((d) => d.name === 'Klima');
    expect(climate?.keys).toContainEqual(
      expect.objectContaining({ key: 'temp', displayName: 'Temperatur', unit: '°C' }),
    );
    expect(climate?.expectedIntervalSeconds).toBe(1);
    const contacts = await t.db
      .selectFrom('contacts')
      .select(['name', 'family'])
      .where('name', '=', 'Jürgen Müller')
      .execute();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.family).toBeTruthy();
    expect(cnc?.contactId).toBe(first.fleet[0]?.contactId);
  });

  it('has every published message acknowledged, which means committed', () => {
    for (const run of [first, second]) {
      // 2 machines × 5 devices × 5 messages a second, for at least 1.5 seconds.
      expect(run.stats.sent).toBeGreaterThanOrEqual(50);
      expect(run.stats.acknowledged).toBe(run.stats.sent);
      expect(run.stats).toMatchObject({ failed: 0, skipped: 0, errors: 0 });
    }
  });

  it('stores a reading of every module key of both machines, with nothing rejected', async () => {
    const rows = await t.db
      .selectFrom('readings')
      .select((eb) => ['device_id', 'key', eb.fn.countAll<number>().as('n')])
      .groupBy(['device_id', 'key'])
      .execute();
    const stored = new Map(rows.map((r) => [`${r.device_id} ${r.key}`, Number(r.n)]));
    for (const machine of second.fleet) {
      for (const device of machine.devices) {
        for (const key of WUNDERBAR_KEYS[device.module]) {
          expect(stored.get(`${device.deviceId} ${key}`), `${machine.name} ${key}`).toBeGreaterThan(
            10,
          );
        }
      }
    }
    expect(stored.size).toBe(2 * DEMO_DEVICES.reduce((n, d) => n + Object.keys(d.keys).length, 0));
    const rejected = await t.db.selectFrom('devices').select('rejected_count').execute();
    expect(rejected.every((d) => d.rejected_count === 0)).toBe(true);

    const machineId = second.fleet[0]?.machineId as MachineId;
    const res = await owner.agent.get(`/api/machines/${machineId}/series?range=10m`);
    expectStatus(res, 200);
    const keys = res.json<MachineSeriesView>().series.map((s) => s.key);
    expect(new Set(keys)).toEqual(new Set(Object.values(WUNDERBAR_KEYS).flat()));
  });

  it('refuses the tokens of the first run once the second run rotated them', async () => {
    const url = `mqtt://127.0.0.1:${t.ctx.telemetry.mqttPort}`;
    for (const device of first.fleet[0]?.devices ?? []) {
      await expect(
        mqtt.connectAsync(url, { username: device.token, reconnectPeriod: 0 }),
      ).rejects.toMatchObject({ code: 5 });
    }
    const fresh = second.fleet[0]?.devices[0];
    const client = await mqtt.connectAsync(url, { username: fresh?.token, reconnectPeriod: 0 });
    await client.endAsync();
  });

  it('shows the demo machines online', async () => {
    for (const machine of second.fleet) {
      const res = await owner.agent.get(`/api/machines/${machine.machineId}`);
      expectStatus(res, 200);
      expect(res.json<{ machine: MachineView }>().machine.status.online).toBe(true);
    }
  });
});

describe('the simulate command line', () => {
  it('takes the defaults and reads every option', () => {
    expect(parseSimulateArgs([])).toEqual({
      kind: 'run',
      options: { machines: 3, rate: 1, anomaly: 0.01, seed: 1 },
    });
    expect(
      parseSimulateArgs(['--machines', '5', '--rate=0.5', '--anomaly', '0', '--duration', '60']),
    ).toEqual({
      kind: 'run',
      options: { machines: 5, rate: 0.5, anomaly: 0, duration: 60, seed: 1 },
    });
    expect(parseSimulateArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('names the option that is out of range, unknown or not a number', () => {
    const messageOf = (argv: string[]) => {
      const parsed = parseSimulateArgs(argv);
      return parsed.kind === 'invalid' ? parsed.message : `not refused: ${parsed.kind}`;
    };
    expect(messageOf(['--machines', '51'])).toMatch(/^--machines: /);
    expect(messageOf(['--rate', '0.01'])).toMatch(/^--rate: /);
    expect(messageOf(['--rate', 'fast'])).toMatch(/^--rate: /);
    expect(messageOf(['--machine', '2'])).toMatch(/--machine\b/);
    expect(messageOf(['3'])).toMatch(/positional/);
  });

  it('publishes on loopback to an embedded broker on every interface, per token to an external one', () => {
    const embedded = mqttTargetOf({
      mode: 'embedded',
      host: '0.0.0.0',
      port: 1884,
      drainTimeoutMs: 1000,
    });
    expect(embedded.url).toBe('mqtt://127.0.0.1:1884');
    expect(embedded.topicFor('nbd_x')).toBe('v1/devices/me/telemetry');
    const external = mqttTargetOf({
      mode: 'external',
      url: 'mqtt://broker.example:1883',
      clientId: 'nahbar',
    });
    expect(external.topicFor('nbd_x')).toBe('v1/devices/nbd_x/telemetry');
    expect(() =>
      mqttTargetOf({ mode: 'embedded', host: '127.0.0.1', port: 0, drainTimeoutMs: 1000 }),
    ).toThrow(SimulatorError);
  });
});

// External-broker mode against the Mosquitto that runs on this machine (and in CI) on
// 127.0.0.1:1883: Nahbar subscribes as a client, takes telemetry published to
// `v1/devices/<token>/telemetry` by a device connected to Mosquitto, and ignores unknown tokens.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceTokenView } from '../../shared/api/machines.js';
import { newId } from '../lib/random.js';
import { setupOwner } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';
import { tokenOfTopic } from './mqtt-bridge.js';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';

describe('tokenOfTopic', () => {
  it('reads the token from v1/devices/<token>/telemetry and nothing else', () => {
    expect(tokenOfTopic('v1/devices/nbd_abc/telemetry')).toBe('nbd_abc');
    expect(tokenOfTopic('v1/devices/me/attributes')).toBeNull();
    expect(tokenOfTopic('v1/devices/a/b/telemetry')).toBeNull();
  });
});

describe.each(DIALECTS)('the bridge to an external broker on %s', (dialect) => {
  let t: TestApp;
  let device: DeviceTokenView;
  // A session of its own, so that parallel runs on the same Mosquitto do not take it over.
  const clientId = `nahbar-test-${newId().slice(0, 8)}`;

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      config: {
        telemetry: {
          rawDays: 30,
          rollupDays: 730,
          mqtt: { mode: 'external', url: MOSQUITTO, clientId },
        },
      },
    });
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    const machine = await createMachineFor(owner.agent);
    device = await provisionDeviceFor(owner.agent, machine.id);
  });

  afterAll(async () => {
    await t.close();
    // Ends Nahbar's persistent session, so Mosquitto keeps nothing for it after the test.
    const cleaner = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true });
    await cleaner.endAsync();
  });

  it("tells the seller the broker's address and the device's topic, with its token in it", () => {
    const broker = new URL(MOSQUITTO);
    expect(device.mqtt).toEqual({
      host: broker.hostname,
      port: Number(broker.port || 1883),
      topic: `v1/devices/${device.token}/telemetry`,
      tokenIsUsername: false,
    });
  });

  it('stores what a device publishes to Mosquitto and drops unknown tokens', async () => {
    const sensor = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    // Mosquitto acknowledges the device; Nahbar stores the message when Mosquitto delivers it.
    const committed = new Promise<void>((resolve) => {
      const stop = t.ctx.telemetry.writer.onCommitted((readings) => {
        if (readings.some((r) => r.deviceId === device.device.id)) {
          stop();
          resolve();
        }
      });
    });
    try {
      const ts = Date.now() - 5_000;
      await sensor.publishAsync(`v1/devices/nbd_${'u'.repeat(43)}/telemetry`, '{"temp":1}', {
        qos: 1,
      });
      // The topic the machine page shows for the token.
      await sensor.publishAsync(
        device.mqtt.topic,
        JSON.stringify({ ts, values: { temp: 21.5, 'accel.x': 0.25 } }),
        { qos: 1 },
      );
      await committed;
      const rows = await t.db
        .selectFrom('readings')
        .select(['key', 'value'])
        .where('device_id', '=', device.device.id)
        .orderBy('key')
        .execute();
      expect(rows).toEqual([
        { key: 'accel.x', value: 0.25 },
        { key: 'temp', value: 21.5 },
      ]);
      const all = await t.db.selectFrom('readings').select('device_id').execute();
      expect(all.every((r) => r.device_id === device.device.id)).toBe(true);
    } finally {
      await sensor.endAsync();
    }
  });
});

// A flood bigger than the writer's queue: the embedded broker must slow its devices down (it stops
// reading a connection until the messages read so far are stored), not refuse readings or cut
// connections. At QoS 0 a refused reading would be lost for good.
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceTokenView } from '../../shared/api/machines.js';
import { setupOwner } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';
import { startTestBroker } from '../test/telemetry.js';
import type { TestBroker } from '../test/telemetry.js';
import { TELEMETRY_TOPIC } from './mqtt-broker.js';

const DEVICES = 4;
const MESSAGES = 1_500;
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

describe.each(DIALECTS)('the embedded broker under a flood on %s', (dialect) => {
  let t: TestApp;
  let running: TestBroker;
  let tokens: DeviceTokenView[];
  const clients: MqttClient[] = [];

  beforeEach(async () => {
    t = await createTestApp({ dialect });
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    const machine = await createMachineFor(owner.agent);
    tokens = [];
    for (let i = 0; i < DEVICES; i++)
      tokens.push(await provisionDeviceFor(owner.agent, machine.id));
    // A queue far smaller than what the devices send at once.
    running = await startTestBroker(t.db, t.ctx.devices, {
      maxBatch: 50,
      maxQueued: 50,
      maxWaiting: 2,
      maxDelayMs: 2,
    });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.end(true);
    await running.stop();
    await t.close();
  });

  it('stores every QoS 0 reading of a flood and cuts no connection', async () => {
    let cut = 0;
    await Promise.all(
      tokens.map(async (token, d) => {
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${running.broker.port}`, {
          username: token.token,
          reconnectPeriod: 0,
        });
        clients.push(client);
        client.on('close', () => cut++);
        for (let i = 0; i < MESSAGES; i++) {
          const payload = JSON.stringify({ ts: T0 + i, values: { v: d * MESSAGES + i } });
          client.publish(TELEMETRY_TOPIC, payload, { qos: 0 });
        }
        // The broker handles a connection's messages in order: this PUBACK comes after the rest.
        await client.publishAsync(
          TELEMETRY_TOPIC,
          JSON.stringify({ ts: T0 + MESSAGES, values: { v: -1 } }),
          {
            qos: 1,
          },
        );
      }),
    );
    expect(cut).toBe(0);
    const counts = await t.db
      .selectFrom('readings')
      .select(['device_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('device_id')
      .execute();
    expect(counts.map((c) => Number(c.n))).toEqual(Array(DEVICES).fill(MESSAGES + 1));
    expect(running.logged).toEqual([]);
  });
});

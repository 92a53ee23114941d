// A token changed by another process (another Nahbar on the same database) reaches this broker only
// through its directory's trust time: within it, a connected device's token is taken as checked;
// after it, the next publish looks the token up again, and a token that no longer holds ends the
// connection with nothing stored. A token that still holds goes on, its messages in order.
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceTokenView } from '../../shared/api/machines.js';
import { DeviceDirectory } from '../machines/device-auth.js';
import { setupOwner } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';
import { startTestBroker } from '../test/telemetry.js';
import type { TestBroker } from '../test/telemetry.js';
import { TELEMETRY_TOPIC } from './mqtt-broker.js';

const TRUST_MS = 150;
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

describe.each(DIALECTS)('the embedded broker after the trust time on %s', (dialect) => {
  let t: TestApp;
  let running: TestBroker;
  let kept: DeviceTokenView;
  let changed: DeviceTokenView;
  const clients: MqttClient[] = [];

  const connect = async (token: string) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${running.broker.port}`, {
      username: token,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };
  const values = async (deviceId: string) =>
    (
      await t.db
        .selectFrom('readings')
        .select('value')
        .where('device_id', '=', deviceId as DeviceTokenView['device']['id'])
        .orderBy('ts')
        .execute()
    ).map((r) => r.value);
  const send = (client: MqttClient, i: number, qos: 0 | 1) =>
    client.publishAsync(TELEMETRY_TOPIC, JSON.stringify({ ts: T0 + i, values: { v: i } }), {
      qos,
    });

  beforeEach(async () => {
    t = await createTestApp({ dialect });
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    const machine = await createMachineFor(owner.agent);
    kept = await provisionDeviceFor(owner.agent, machine.id);
    changed = await provisionDeviceFor(owner.agent, machine.id);
    running = await startTestBroker(t.db, new DeviceDirectory(t.db, { ttlMs: TRUST_MS }), {
      maxDelayMs: 1,
    });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.end(true);
    await running.stop();
    await t.close();
  });

  it('looks a token up again after the trust time and ends the session of one that changed', async () => {
    const a = await connect(kept.token);
    const b = await connect(changed.token);
    await Promise.all([send(a, 0, 1), send(b, 0, 1)]);
    // Another process rotates b's token: this broker's directory does not hear of it.
    await t.db
      .updateTable('devices')
      .set({ token_hash: 'rotated elsewhere' })
      .where('id', '=', changed.device.id)
      .execute();
    // Within the trust time, b's session still counts as checked.
    await send(b, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, TRUST_MS + 50));
    // After it, the first messages wait for the lookup; a's token holds, and its QoS 0 messages
    // before the QoS 1 one are stored, in order, by the time the PUBACK comes.
    for (let i = 1; i <= 5; i++) void send(a, i, 0);
    await send(a, 6, 1);
    expect(await values(kept.device.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // b's does not: the connection ends, and the message is not stored.
    const gone = new Promise<void>((resolve) => b.once('close', () => resolve()));
    void send(b, 2, 1).catch(() => undefined);
    await gone;
    expect(await values(changed.device.id)).toEqual([0, 1]);
  });
});

// The embedded broker with real MQTT clients (mqtt.js and Debian's mosquitto_pub) against real
// databases: device tokens as usernames, CONNACK 5 for a wrong token, one topic per device, no
// subscriptions, a payload limit, PUBACK only after the commit, and garbage that stores nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceTokenView } from '../../shared/api/machines.js';
import { setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { Rng } from '../test/lounge-fuzz.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';
import { TELEMETRY_TOPIC } from './mqtt-broker.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';

const run = promisify(execFile);
const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

describe.each(DIALECTS)('the embedded MQTT broker on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let device: DeviceTokenView;
  let other: DeviceTokenView;
  let url: string;
  const clients: MqttClient[] = [];

  const connect = async (username: string, opts: mqtt.IClientOptions = {}) => {
    const client = await mqtt.connectAsync(url, {
      username,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...opts,
    });
    clients.push(client);
    return client;
  };
  const readings = (deviceId: string) =>
    t.db
      .selectFrom('readings')
      .select(['key', 'ts', 'value', 'received_at'])
      .where('device_id', '=', deviceId as DeviceTokenView['device']['id'])
      .orderBy('key')
      .orderBy('ts')
      .execute();
  const rejectedCount = async (deviceId: string) =>
    (
      await t.db
        .selectFrom('devices')
        .select('rejected_count')
        .where('id', '=', deviceId as DeviceTokenView['device']['id'])
        .executeTakeFirstOrThrow()
    ).rejected_count;
  /** Resolves when the broker cuts the client off. */
  const closed = (client: MqttClient) =>
    new Promise<void>((resolve) => {
      if (!client.connected) resolve();
      client.once('close', () => resolve());
    });

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    const machine = await createMachineFor(owner.agent);
    device = await provisionDeviceFor(owner.agent, machine.id);
    other = await provisionDeviceFor(owner.agent, machine.id);
    url = `mqtt://127.0.0.1:${t.ctx.telemetry.mqttPort}`;
  });

  afterAll(async () => {
    for (const client of clients) client.end(true);
    await t.close();
  });

  it('refuses a wrong token with CONNACK "not authorised" and a missing one alike', async () => {
    await expect(connect('nbd_' + 'x'.repeat(43))).rejects.toMatchObject({ code: 5 });
    await expect(connect('')).rejects.toMatchObject({ code: 5 });
  });

  it('stores every ThingsBoard form at QoS 1 before it acknowledges', async () => {
    const client = await connect(device.token);
    const ts = NOW - 60_000;
    await client.publishAsync(TELEMETRY_TOPIC, JSON.stringify({ temp: 21.25, hum: 40.1 }), {
      qos: 1,
    });
    await client.publishAsync(
      TELEMETRY_TOPIC,
      JSON.stringify({ ts, values: { 'accel.x': 0.5, snd_level: 42 } }),
      { qos: 1 },
    );
    await client.publishAsync(
      TELEMETRY_TOPIC,
      JSON.stringify([
        { ts: ts + 1000, values: { light: 300 } },
        { ts: ts + 2000, light: 301 },
      ]),
      { qos: 1 },
    );
    // No waiting: the PUBACKs above mean committed.
    const rows = await readings(device.device.id);
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['accel.x', 0.5],
      ['hum', 40.1],
      ['light', 300],
      ['light', 301],
      ['snd_level', 42],
      ['temp', 21.25],
    ]);
    expect(rows.find((r) => r.key === 'light')?.ts).toBe(ts + 1000);
    expect(rows.every((r) => r.received_at >= NOW)).toBe(true);
  });

  it("refuses a publish to another device's topic and cuts the connection", async () => {
    const client = await connect(other.token);
    const gone = closed(client);
    client.publish(`v1/devices/${device.device.id}/telemetry`, '{"temp":99}', { qos: 1 });
    await gone;
    client.publish('v1/devices/me/attributes', '{"temp":99}', { qos: 0 });
    expect((await readings(device.device.id)).some((r) => r.value === 99)).toBe(false);
    expect(await readings(other.device.id)).toEqual([]);
  });

  it('refuses a payload above 16 KiB, counts it, and stores nothing of it', async () => {
    const client = await connect(other.token);
    const before = await rejectedCount(other.device.id);
    const gone = closed(client);
    const big = JSON.stringify({ temp: 20, pad: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    client.publish(TELEMETRY_TOPIC, big, { qos: 1 });
    await gone;
    expect(await readings(other.device.id)).toEqual([]);
    // Far above the limit, the packet is cut off before the broker buffers it.
    const huge = await connect(other.token);
    const hugeGone = closed(huge);
    huge.publish(TELEMETRY_TOPIC, Buffer.alloc(4 * 1024 * 1024, 0x20), { qos: 0 });
    await hugeGone;
    expect(await rejectedCount(other.device.id)).toBeGreaterThan(before);
  });

  it('ends the connections of a device at once when its token is rotated or revoked', async () => {
    const fresh = await provisionDeviceFor(owner.agent, device.device.machineId);
    const client = await connect(fresh.token);
    await client.publishAsync(TELEMETRY_TOPIC, '{"temp":1}', { qos: 1 });
    const gone = closed(client);
    const rotated = await owner.agent.post(`/api/devices/${fresh.device.id}/token`);
    expect(rotated.statusCode).toBe(200);
    await gone;
    const { token } = rotated.json<DeviceTokenView>();
    await expect(connect(fresh.token)).rejects.toMatchObject({ code: 5 });
    const again = await connect(token);
    const goneAgain = closed(again);
    const revoked = await owner.agent.delete(`/api/devices/${fresh.device.id}/token`);
    expect(revoked.statusCode).toBeLessThan(300);
    await goneAgain;
    await expect(connect(token)).rejects.toMatchObject({ code: 5 });
  });

  it('refuses every subscription', async () => {
    const client = await connect(device.token);
    // mqtt.js turns a SUBACK of 0x80 (failure) into a rejection that carries the packet.
    await expect(
      client.subscribeAsync(['v1/devices/me/telemetry', '#'], { qos: 1 }),
    ).rejects.toMatchObject({ packet: { granted: [128, 128] } });
  });

  it('takes telemetry from mosquitto_pub, a client that is not ours', async () => {
    const port = String(t.ctx.telemetry.mqttPort);
    const message = JSON.stringify({ ts: NOW - 30_000, values: { prox: 17 } });
    await run('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', port, '-u', device.token, '-q', '1'],
      ...['-t', TELEMETRY_TOPIC, '-m', message],
    ]);
    const res = await owner.agent.get(
      `/api/machines/${device.device.machineId}/series?range=1h&end=${NOW}`,
    );
    expect(res.statusCode).toBe(200);
    const series = res.json<{ series: { key: string; points: number[][] }[] }>().series;
    expect(series.find((s) => s.key === 'prox')?.points).toEqual([[NOW - 30_000, 17, 17, 17]]);
    await expect(
      run('mosquitto_pub', [
        ...['-h', '127.0.0.1', '-p', port, '-u', 'wrong', '-q', '1'],
        ...['-t', TELEMETRY_TOPIC, '-m', message],
      ]),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/not authori[sz]ed/i) as unknown });
  });

  it('survives 10,000 garbage payloads without storing any of them', async () => {
    const rng = new Rng(20261128);
    const garbage = (): Buffer => {
      switch (rng.int(6)) {
        case 0:
          return Buffer.from(Array.from({ length: rng.int(200) }, () => rng.int(256)));
        case 1:
          return Buffer.from(`{"temp": ${rng.int(100)}`); // truncated
        case 2:
          return Buffer.from(
            JSON.stringify({
              temp: 'warm',
              list: [1, 2],
              none: null,
              deep: { a: { b: { c: { d: 1 } } } },
            }),
          );
        case 3:
          return Buffer.from(JSON.stringify({ ts: 'yesterday', values: rng.int(10) }));
        case 4:
          return Buffer.from(JSON.stringify([[], 'x', null, 7]));
        default:
          return Buffer.from(JSON.stringify({ '': 1, 'a..b': 2, __proto__x: {} }).slice(1));
      }
    };
    const before = (await readings(other.device.id)).length;
    const client = await connect(other.token);
    for (let i = 0; i < 10_000; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, () =>
          client.publishAsync(TELEMETRY_TOPIC, garbage(), { qos: 1 }),
        ),
      );
    }
    expect((await readings(other.device.id)).length).toBe(before);
    expect(await rejectedCount(other.device.id)).toBeGreaterThanOrEqual(10_000);
    // Still serving.
    await client.publishAsync(TELEMETRY_TOPIC, '{"temp":22}', { qos: 1 });
    expect((await readings(other.device.id)).length).toBe(before + 1);
  }, 60_000);
});

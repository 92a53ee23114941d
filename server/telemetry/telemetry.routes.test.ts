// The device HTTP API and a machine's chart and live routes, in-process on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceTokenView, LiveValue, MachineSeriesView } from '../../shared/api/machines.js';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';

describe.each(DIALECTS)('machine data routes on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let seller: SignedIn;
  let device: DeviceTokenView;

  const post = (token: string, payload: string | Buffer, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/${token}/telemetry`,
      headers: { 'content-type': contentType },
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    seller = await inviteSeller(t, owner.agent, { name: 'Sven Seller' });
    const machine = await createMachineFor(owner.agent);
    device = await provisionDeviceFor(owner.agent, machine.id);
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores telemetry posted with the device token, without cookies or CSRF token', async () => {
    const ts = Date.now() - 60_000;
    const res = await post(device.token, JSON.stringify({ ts, values: { temp: 20.5 } }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 1, rejected: [] });
    const series = await owner.agent.get(
      `/api/machines/${device.device.machineId}/series?range=10m`,
    );
    expect(series.statusCode).toBe(200);
    const view = series.json<MachineSeriesView>();
    expect(view.series).toEqual([
      { deviceId: device.device.id, key: 'temp', points: [[ts, 20.5, 20.5, 20.5]] },
    ]);
  });

  it('answers 401 for a wrong token, 400 with reasons for garbage, 413 above 16 KiB', async () => {
    expect((await post('nbd_wrong', '{"temp":1}')).statusCode).toBe(401);
    const garbage = await post(device.token, '{"temp": "warm"');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({
      error: { code: 'bad_telemetry', details: { rejected: [{ reason: 'not_json' }] } },
    });
    const big = await post(device.token, JSON.stringify({ pad: 'x'.repeat(MAX_PAYLOAD_BYTES) }));
    expect(big.statusCode).toBe(413);
    // Text bodies are read as bytes too: the normaliser decides, as for MQTT.
    expect((await post(device.token, '{"hum":40}', 'text/plain')).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After while the writer is overloaded, storing nothing', async () => {
    const writer = t.ctx.telemetry.writer;
    const ts = Date.now() - 30_000;
    // The writer's own overload is proven in writer.test.ts; here only the route's answer.
    Object.defineProperty(writer, 'overloaded', { value: true, configurable: true });
    try {
      const res = await post(device.token, JSON.stringify({ ts, values: { busy: 1 } }));
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ error: { code: 'busy' } });
    } finally {
      delete (writer as { overloaded?: boolean }).overloaded;
    }
    expect(writer.overloaded).toBe(false);
    expect((await post(device.token, JSON.stringify({ ts, values: { busy: 1 } }))).statusCode).toBe(
      200,
    );
  });

  it('shows the chart only to sellers who may see the machine', async () => {
    const url = `/api/machines/${device.device.machineId}/series?range=24h`;
    expect((await seller.agent.get(url)).statusCode).toBe(404);
    expect((await owner.agent.get(`${url}&end=abc`)).statusCode).toBe(400);
  });

  it('pushes live values to an open event stream within a second, at most 4 times a second', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = [...owner.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const controller = new AbortController();
    const res = await fetch(`${address}/api/machines/${device.device.machineId}/live`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const events: { at: number; values: LiveValue[] }[] = [];
    let received = 0;
    // Resolves once all 20 values arrived (or the stream ended).
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith('data: ')) {
            const data = JSON.parse(event.slice(6)) as { values: LiveValue[] };
            events.push({ at: Date.now(), values: data.values });
            received += data.values.length;
            if (received >= 20) return;
          }
        }
      }
    })().catch(() => undefined);
    const sentAt = Date.now();
    for (let i = 0; i < 20; i++) {
      await post(device.token, JSON.stringify({ ts: sentAt - 1000 + i, values: { rpm: i } }));
    }
    await reading;
    controller.abort();
    const values = events.flatMap((e) => e.values);
    expect(values.map((v) => v.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(events[0]!.at - sentAt).toBeLessThan(1_000);
    // Never more than 4 pushes in any second (timer granularity allows a few ms).
    for (let i = 4; i < events.length; i++) {
      expect(events[i]!.at - events[i - 4]!.at).toBeGreaterThanOrEqual(990);
    }
    expect(events.length).toBeGreaterThan(1);
  });
});

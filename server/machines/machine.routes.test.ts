// The machines API in-process on SQLite and PostgreSQL: CRUD, device tokens shown exactly once,
// key metadata, and 400s with clear messages for input that breaks a rule.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceTokenView, DeviceView, MachineView } from '../../shared/api/machines.js';
import type { DeviceId, MachineId } from '../../shared/ids.js';
import type { ErrorBody } from '../errors.js';
import { FakeClock } from '../lib/clock.js';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import {
  countSeries,
  createCustomer,
  createMachineFor,
  insertSeries,
  provisionDeviceFor,
} from '../test/machines.js';
import type { Customer } from '../test/machines.js';
import { DEVICE_TOKEN_PATTERN } from './device-token.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(DIALECTS)('machines API on %s', (dialect) => {
  let t: TestApp;
  let seller: SignedIn;
  let other: SignedIn;
  let customer: Customer;
  const clock = new FakeClock();

  const errorOf = (body: string) => JSON.parse(body) as ErrorBody;
  const getMachine = async (id: MachineId) => {
    const res = await seller.agent.get(`/api/machines/${id}`);
    expect(res.statusCode).toBe(200);
    return { body: res.body, machine: res.json<{ machine: MachineView }>().machine };
  };

  beforeAll(async () => {
    t = await createTestApp({ dialect, clock });
    const owner = await setupOwner(t);
    seller = await inviteSeller(t, owner.agent, { name: 'Selma Seller' });
    other = await inviteSeller(t, owner.agent, { name: 'Otto Other' });
    customer = await createCustomer(seller.agent, {
      name: 'Karla Kunde',
      companyName: 'Kunde Maschinen AG',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates, lists, reads, changes and deletes a machine', async () => {
    const created = await seller.agent.post('/api/machines', {
      name: '  Fräse 7 ',
      companyId: customer.companyId,
      contactId: customer.contactId,
    });
    expect(created.statusCode).toBe(201);
    const { machine } = created.json<{ machine: MachineView }>();
    expect(machine).toEqual({
      id: machine.id,
      name: 'Fräse 7',
      companyId: customer.companyId,
      companyName: 'Kunde Maschinen AG',
      contactId: customer.contactId,
      status: { online: false, lastSeenAt: null },
      devices: [],
      openAlarms: 0,
      createdAt: clock.now(),
    });

    const list = await seller.agent.get('/api/machines');
    expect(list.json<{ machines: MachineView[] }>().machines.map((m) => m.id)).toContain(
      machine.id,
    );
    expect((await getMachine(machine.id)).machine).toEqual(machine);

    const renamed = await seller.agent.patch(`/api/machines/${machine.id}`, {
      name: 'Fräse 8',
      contactId: null,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<{ machine: MachineView }>().machine).toMatchObject({
      name: 'Fräse 8',
      contactId: null,
    });

    expect((await seller.agent.delete(`/api/machines/${machine.id}`)).statusCode).toBe(204);
    expect((await seller.agent.get(`/api/machines/${machine.id}`)).statusCode).toBe(404);
  });

  it('shows a device token once, stores only its hash, and never sends either again', async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const provisioned = await seller.agent.post(`/api/machines/${machine.id}/devices`, {
      name: 'Spindel',
    });
    expect(provisioned.statusCode).toBe(201);
    const { device, token, mqtt } = provisioned.json<DeviceTokenView>();
    expect(token).toMatch(DEVICE_TOKEN_PATTERN);
    // How to connect: the embedded broker's real port, the token as user name.
    expect(mqtt).toEqual({
      host: null,
      port: t.ctx.telemetry.mqttPort,
      topic: 'v1/devices/me/telemetry',
      tokenIsUsername: true,
    });
    expect(mqtt.port).toBeGreaterThan(0);
    expect(device).toEqual({
      id: device.id,
      machineId: machine.id,
      name: 'Spindel',
      expectedIntervalSeconds: 60,
      keys: [],
      lastSeenAt: null,
      rejectedCount: 0,
      active: true,
      createdAt: clock.now(),
    });

    const row = await t.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', device.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));

    const read = await getMachine(machine.id);
    expect(read.machine.devices).toEqual([device]);
    for (const secret of [token, token.slice(4), sha256(token)]) {
      expect(read.body).not.toContain(secret);
      expect((await seller.agent.get('/api/machines')).body).not.toContain(secret);
    }
    expect(read.body).not.toContain('token');
    expect(await t.ctx.devices.authenticate(token)).toEqual({
      deviceId: device.id,
      machineId: machine.id,
    });
  });

  it('rotates a token so that the old one fails at once, and revokes it', async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const first = await provisionDeviceFor(seller.agent, machine.id);
    expect(await t.ctx.devices.authenticate(first.token)).not.toBeNull();

    const rotated = await seller.agent.post(`/api/devices/${first.device.id}/token`);
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json<DeviceTokenView>();
    expect(second.token).toMatch(DEVICE_TOKEN_PATTERN);
    expect(second.token).not.toBe(first.token);
    expect(second.device.active).toBe(true);
    expect(await t.ctx.devices.authenticate(first.token)).toBeNull();
    expect(await t.ctx.devices.authenticate(second.token)).not.toBeNull();

    const revoked = await seller.agent.delete(`/api/devices/${first.device.id}/token`);
    expect(revoked.statusCode).toBe(204);
    expect(await t.ctx.devices.authenticate(second.token)).toBeNull();
    const { machine: read } = await getMachine(machine.id);
    expect(read.devices[0]?.active).toBe(false);

    // Rotating a revoked device gives it a working token again.
    const revived = await seller.agent.post(`/api/devices/${first.device.id}/token`);
    const third = revived.json<DeviceTokenView>();
    expect(third.device.active).toBe(true);
    expect(await t.ctx.devices.authenticate(third.token)).not.toBeNull();
  });

  it('changes a device and writes key metadata, creating the key when it is new', async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const { device } = await provisionDeviceFor(seller.agent, machine.id, {
      expectedIntervalSeconds: 5,
    });
    const changed = await seller.agent.patch(`/api/devices/${device.id}`, {
      name: 'Öldruck',
      expectedIntervalSeconds: 86_400,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ device: DeviceView }>().device).toMatchObject({
      name: 'Öldruck',
      expectedIntervalSeconds: 86_400,
    });

    const put = (key: string, body: object) =>
      seller.agent.request({ method: 'PUT', url: `/api/devices/${device.id}/keys/${key}`, body });
    const first = await put('hydraulic.pressure', {
      displayName: 'Hydraulikdruck',
      unit: 'bar',
      meaning: 'Druck im Hauptkreis',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ device: DeviceView }>().device.keys).toEqual([
      {
        key: 'hydraulic.pressure',
        displayName: 'Hydraulikdruck',
        unit: 'bar',
        meaning: 'Druck im Hauptkreis',
      },
    ]);
    // PUT replaces all three fields; what is left out becomes null.
    await put('hydraulic.pressure', { unit: 'kPa' });
    await put('temp', { displayName: 'Temperatur', unit: '°C' });
    const { machine: read } = await getMachine(machine.id);
    expect(read.devices[0]?.keys).toEqual([
      { key: 'hydraulic.pressure', displayName: null, unit: 'kPa', meaning: null },
      { key: 'temp', displayName: 'Temperatur', unit: '°C', meaning: null },
    ]);
  });

  it('refuses a bad key, an interval out of range and empty changes with 400', async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const { device } = await provisionDeviceFor(seller.agent, machine.id);
    const bad = [
      {
        method: 'PUT',
        url: `/api/devices/${device.id}/keys/a..b`,
        body: {},
        says: 'invalid telemetry key',
      },
      {
        method: 'PUT',
        url: `/api/devices/${device.id}/keys/__proto__`,
        body: {},
        says: 'reserved telemetry key',
      },
      {
        method: 'PUT',
        url: `/api/devices/${device.id}/keys/${'k'.repeat(65)}`,
        body: {},
        says: '64',
      },
      {
        method: 'POST',
        url: `/api/machines/${machine.id}/devices`,
        body: { name: 'S', expectedIntervalSeconds: 0 },
        says: '1',
      },
      {
        method: 'POST',
        url: `/api/machines/${machine.id}/devices`,
        body: { name: 'S', expectedIntervalSeconds: 1.5 },
        says: 'int',
      },
      {
        method: 'PATCH',
        url: `/api/devices/${device.id}`,
        body: { expectedIntervalSeconds: 86_401 },
        says: '86400',
      },
      {
        method: 'PATCH',
        url: `/api/devices/${device.id}`,
        body: {},
        says: 'give a name or an expectedIntervalSeconds',
      },
      {
        method: 'PATCH',
        url: `/api/machines/${machine.id}`,
        body: {},
        says: 'give a name, a companyId or a contactId',
      },
      { method: 'POST', url: '/api/machines', body: { name: '', companyId: customer.companyId } },
    ] as const;
    for (const req of bad) {
      const res = await seller.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(400);
      expect(errorOf(res.body).error.code).toBe('invalid');
      if ('says' in req)
        expect(JSON.stringify(errorOf(res.body).error.details)).toContain(req.says);
    }
    expect((await getMachine(machine.id)).machine.devices).toHaveLength(1);
  });

  it("refuses an unknown company and another seller's contact with a clear 400", async () => {
    const others = await createCustomer(other.agent, { name: 'Fremde Kundin' });
    const cases = [
      {
        body: { name: 'M', companyId: 'Unknown-company-id-0001' },
        code: 'invalid_company',
        says: 'Unknown company',
      },
      {
        body: { name: 'M', companyId: others.companyId },
        code: 'invalid_company',
        says: 'Unknown company',
      },
      {
        body: { name: 'M', companyId: customer.companyId, contactId: others.contactId },
        code: 'invalid_contact',
        says: 'Unknown contact',
      },
    ];
    for (const { body, code, says } of cases) {
      const res = await seller.agent.post('/api/machines', body);
      expect(res.statusCode).toBe(400);
      const { error } = errorOf(res.body);
      expect(error.code).toBe(code);
      expect(error.message).toContain(says);
    }
    const elsewhere = await createCustomer(seller.agent, { companyName: 'Andere Firma KG' });
    const mismatch = await seller.agent.post('/api/machines', {
      name: 'M',
      companyId: customer.companyId,
      contactId: elsewhere.contactId,
    });
    expect(mismatch.statusCode).toBe(400);
    expect(errorOf(mismatch.body).error).toMatchObject({
      code: 'contact_not_at_company',
      message: "The contact does not work at the machine's company",
    });
  });

  it('deletes a device with its readings and rollups', async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const { device, token } = await provisionDeviceFor(seller.agent, machine.id);
    const kept = await provisionDeviceFor(seller.agent, machine.id);
    await insertSeries(t.db, device.id, 10);
    await insertSeries(t.db, kept.device.id, 2);
    const res = await seller.agent.delete(`/api/devices/${device.id}`);
    expect(res.statusCode).toBe(204);
    expect(await countSeries(t.db, device.id)).toEqual({ readings: 0, rollups: 0 });
    expect(await countSeries(t.db, kept.device.id)).toEqual({ readings: 2, rollups: 2 });
    expect(await t.ctx.devices.authenticate(token)).toBeNull();
    const { machine: read } = await getMachine(machine.id);
    expect(read.devices.map((d) => d.id)).toEqual([kept.device.id]);
    expect((await seller.agent.delete(`/api/devices/${device.id}`)).statusCode).toBe(404);
  });

  it("deletes a machine with its devices' readings and rollups", async () => {
    const machine = await createMachineFor(seller.agent, { customer });
    const ids: DeviceId[] = [];
    for (let i = 0; i < 2; i++) {
      const { device } = await provisionDeviceFor(seller.agent, machine.id);
      await insertSeries(t.db, device.id, 3);
      ids.push(device.id);
    }
    expect((await seller.agent.delete(`/api/machines/${machine.id}`)).statusCode).toBe(204);
    for (const id of ids) {
      expect(await countSeries(t.db, id)).toEqual({ readings: 0, rollups: 0 });
    }
  });
});

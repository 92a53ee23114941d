// Machines and devices on SQLite and PostgreSQL: which company and contact a machine may name,
// who sees which machine, deletion together with time series, and status and open alarms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { ContactDraft } from '../../shared/contacts.js';
import type {
  AlarmId,
  AlarmRuleId,
  CompanyId,
  ContactId,
  DeviceId,
  MachineId,
} from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import { FakeClock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { countSeries, insertSeries } from '../test/machines.js';
import { DeviceDirectory } from './device-auth.js';
import { deleteDevice, provisionDevice, setDeviceKeyMeta } from './device.service.js';
import { presentMachine } from './machine.presenters.js';
import {
  createMachine,
  deleteMachine,
  getMachine,
  listMachines,
  updateMachine,
} from './machine.service.js';
import type { UpdateMachineInput } from './machine.schemas.js';

interface Customer {
  companyId: CompanyId;
  contactId: ContactId;
}

describe.each(DIALECTS)('machines on %s', (dialect) => {
  let tdb: TestDatabase;
  let directory: DeviceDirectory;
  let alice: Viewer;
  let bob: Viewer;
  let owner: Viewer;
  let aliceCustomer: Customer;
  let aliceColleague: Customer;
  let aliceOther: Customer;
  let bobCustomer: Customer;
  let ownerCustomer: Customer;
  const clock = new FakeClock();
  const page = { limit: 100, offset: 0 };

  const customer = async (viewer: Viewer, draft: ContactDraft): Promise<Customer> => {
    const record = await createContact(tdb.db, clock, {
      viewer,
      input: contactInputSchema.parse(draft),
    });
    if (!record.row.company_id) throw new Error('no company');
    return { companyId: record.row.company_id, contactId: record.row.id };
  };
  const machineOf = (viewer: Viewer, c: Customer, name = 'Fräse') =>
    createMachine(tdb.db, clock, {
      viewer,
      input: { name, companyId: c.companyId, contactId: c.contactId },
    });
  const device = (viewer: Viewer, machineId: MachineId, expectedIntervalSeconds = 60) =>
    provisionDevice(tdb.db, clock, { viewer, machineId, name: 'Sensor', expectedIntervalSeconds });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    directory = new DeviceDirectory(tdb.db);
    alice = { id: (await createHost(tdb.db, { name: 'Alice Seller' })).userId, isOwner: false };
    bob = { id: (await createHost(tdb.db, { name: 'Bob Seller' })).userId, isOwner: false };
    owner = { id: (await createHost(tdb.db, { name: 'Olga Owner' })).userId, isOwner: true };
    aliceCustomer = await customer(alice, { name: 'Jörg Kunde', companyName: 'Kunde AG' });
    aliceColleague = await customer(alice, { name: 'Jana Kunde', companyName: 'Kunde AG' });
    aliceOther = await customer(alice, { name: 'Otto Anders', companyName: 'Anders KG' });
    bobCustomer = await customer(bob, { name: 'Berta Bob', companyName: 'Bobs Werk' });
    ownerCustomer = await customer(owner, { name: 'Olaf Eigen', companyName: 'Eigen GmbH' });
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('creates a machine for a company the seller sees and a contact working there', async () => {
    const record = await machineOf(alice, aliceCustomer, 'Drehbank');
    expect(record.row).toMatchObject({
      owner_id: alice.id,
      company_id: aliceCustomer.companyId,
      contact_id: aliceCustomer.contactId,
      name: 'Drehbank',
    });
    const read = await getMachine(tdb.db, alice, record.row.id);
    expect(read).toMatchObject({ companyName: 'Kunde AG', devices: [], openAlarms: 0 });
  });

  it('refuses an unknown or foreign company and a foreign or misplaced contact', async () => {
    const attempt = (companyId: CompanyId, contactId: ContactId | null) =>
      createMachine(tdb.db, clock, { viewer: alice, input: { name: 'X', companyId, contactId } });
    await expect(attempt(newId<CompanyId>(), null)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_company',
    });
    await expect(attempt(bobCustomer.companyId, null)).rejects.toMatchObject({
      code: 'invalid_company',
    });
    await expect(attempt(aliceCustomer.companyId, bobCustomer.contactId)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_contact',
    });
    await expect(attempt(aliceCustomer.companyId, aliceOther.contactId)).rejects.toMatchObject({
      status: 400,
      code: 'contact_not_at_company',
    });
  });

  it('checks a changed company against the contact, and lets a clear contact pass', async () => {
    const record = await machineOf(alice, aliceCustomer);
    const update = (input: UpdateMachineInput) =>
      updateMachine(tdb.db, clock, { viewer: alice, machineId: record.row.id, input });
    await expect(update({ companyId: aliceOther.companyId })).rejects.toMatchObject({
      code: 'contact_not_at_company',
    });
    await expect(update({ contactId: bobCustomer.contactId })).rejects.toMatchObject({
      code: 'invalid_contact',
    });
    clock.advance(1000);
    const moved = await update({ companyId: aliceOther.companyId, contactId: null });
    expect(moved.row).toMatchObject({
      company_id: aliceOther.companyId,
      contact_id: null,
      updated_at: clock.now(),
    });
    expect(moved.companyName).toBe('Anders KG');
    const back = await update({
      companyId: aliceCustomer.companyId,
      contactId: aliceColleague.contactId,
    });
    expect(back.row.contact_id).toBe(aliceColleague.contactId);
    expect((await update({ name: 'Umbenannt' })).row.name).toBe('Umbenannt');
  });

  it("judges company and contact for the machine's seller when the owner changes it", async () => {
    const record = await machineOf(alice, aliceCustomer);
    const change = (contactId: ContactId | null, companyId?: CompanyId) =>
      updateMachine(tdb.db, clock, {
        viewer: owner,
        machineId: record.row.id,
        input: { contactId, ...(companyId ? { companyId } : {}) },
      });
    // The owner sees Eigen GmbH, but Alice, whose Today list the contact would land on, does not.
    await expect(change(ownerCustomer.contactId, ownerCustomer.companyId)).rejects.toMatchObject({
      code: 'invalid_company',
    });
    expect((await change(aliceColleague.contactId)).row.contact_id).toBe(aliceColleague.contactId);
  });

  it('hides machines of other sellers and shows every machine to the owner', async () => {
    const bobs = await machineOf(bob, bobCustomer, 'Bobs Presse');
    const aliceSees = await listMachines(tdb.db, alice, page);
    expect(aliceSees.map((m) => m.row.owner_id)).not.toContain(bob.id);
    await expect(getMachine(tdb.db, alice, bobs.row.id)).rejects.toMatchObject({
      status: 404,
      code: 'machine_not_found',
    });
    const ownerSees = await listMachines(tdb.db, owner, page);
    expect(ownerSees.map((m) => m.row.id)).toContain(bobs.row.id);
    expect(new Set(ownerSees.map((m) => m.row.owner_id))).toEqual(new Set([alice.id, bob.id]));
    await expect(
      updateMachine(tdb.db, clock, {
        viewer: alice,
        machineId: bobs.row.id,
        input: { name: 'Gekapert' },
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(device(alice, bobs.row.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      deleteMachine(tdb.db, directory, { viewer: alice, machineId: bobs.row.id }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await getMachine(tdb.db, bob, bobs.row.id)).row.name).toBe('Bobs Presse');
  });

  it("deletes a device with its readings and rollups and leaves other devices' alone", async () => {
    const record = await machineOf(alice, aliceCustomer);
    const doomed = await device(alice, record.row.id);
    const kept = await device(alice, record.row.id);
    await insertSeries(tdb.db, doomed.record.row.id, 5);
    await insertSeries(tdb.db, kept.record.row.id, 3);
    await deleteDevice(tdb.db, directory, { viewer: alice, deviceId: doomed.record.row.id });
    expect(await countSeries(tdb.db, doomed.record.row.id)).toEqual({ readings: 0, rollups: 0 });
    expect(await countSeries(tdb.db, kept.record.row.id)).toEqual({ readings: 3, rollups: 3 });
    const left = await getMachine(tdb.db, alice, record.row.id);
    expect(left.devices.map((d) => d.row.id)).toEqual([kept.record.row.id]);
  });

  it('deletes a machine with the series, key metadata, rules and alarms of its devices', async () => {
    const record = await machineOf(alice, aliceCustomer);
    const first = await device(alice, record.row.id);
    const second = await device(alice, record.row.id);
    await insertSeries(tdb.db, first.record.row.id, 4);
    await insertSeries(tdb.db, second.record.row.id, 2);
    await setDeviceKeyMeta(tdb.db, {
      viewer: alice,
      deviceId: first.record.row.id,
      key: 'temp',
      meta: { displayName: 'Temperatur', unit: '°C', meaning: null },
    });
    await insertAlarm(record.row.id, first.record.row.id, null);
    await deleteMachine(tdb.db, directory, { viewer: alice, machineId: record.row.id });
    for (const d of [first, second]) {
      expect(await countSeries(tdb.db, d.record.row.id)).toEqual({ readings: 0, rollups: 0 });
    }
    const leftovers = await Promise.all([
      tdb.db.selectFrom('devices').select('id').where('machine_id', '=', record.row.id).execute(),
      tdb.db
        .selectFrom('device_keys')
        .select('key')
        .where('device_id', '=', first.record.row.id)
        .execute(),
      tdb.db.selectFrom('alarms').select('id').where('machine_id', '=', record.row.id).execute(),
    ]);
    expect(leftovers).toEqual([[], [], []]);
  });

  it('presents status from the newest data and counts open alarms only', async () => {
    const record = await machineOf(alice, aliceCustomer);
    const fast = await device(alice, record.row.id, 10);
    const slow = await device(alice, record.row.id, 600);
    await insertAlarm(record.row.id, fast.record.row.id, null);
    await insertAlarm(record.row.id, fast.record.row.id, clock.now());
    await insertAlarm(record.row.id, slow.record.row.id, null);
    const seenAt = clock.now() - 20_000;
    await tdb.db
      .updateTable('devices')
      .set({ last_seen_at: seenAt })
      .where('id', '=', fast.record.row.id)
      .execute();

    const view = presentMachine(await getMachine(tdb.db, alice, record.row.id), clock.now());
    expect(view.status).toEqual({ online: true, lastSeenAt: seenAt });
    expect(view.openAlarms).toBe(2);
    const later = presentMachine(await getMachine(tdb.db, alice, record.row.id), seenAt + 31_000);
    expect(later.status).toEqual({ online: false, lastSeenAt: seenAt });
    const [listed] = (await listMachines(tdb.db, alice, page)).filter(
      (m) => m.row.id === record.row.id,
    );
    expect(listed?.openAlarms).toBe(2);
  });

  /** Writes a rule with one alarm, closed at `closedAt` or still open when it is null. */
  async function insertAlarm(machineId: MachineId, deviceId: DeviceId, closedAt: number | null) {
    const ruleId = newId<AlarmRuleId>();
    await tdb.db
      .insertInto('alarm_rules')
      .values({
        id: ruleId,
        device_id: deviceId,
        kind: 'offline',
        key: null,
        threshold: null,
        hysteresis: null,
        min_duration_seconds: null,
        intervals: 3,
        state: '{}',
        created_at: clock.now(),
      })
      .execute();
    await tdb.db
      .insertInto('alarms')
      .values({
        id: newId<AlarmId>(),
        rule_id: ruleId,
        machine_id: machineId,
        device_id: deviceId,
        kind: 'offline',
        key: null,
        value: null,
        opened_at: clock.now() - 60_000,
        closed_at: closedAt,
      })
      .execute();
  }
});

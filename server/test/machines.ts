// Factories for machine tests: customers (a company with a contact) and machines with devices,
// made through the real API, and raw time series rows written straight into the database.
import type { DeviceTokenView, MachineView } from '../../shared/api/machines.js';
import type { CompanyId, ContactId, DeviceId, MachineId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { expectStatus } from './actors.js';
import type { Agent } from './actors.js';

/** A customer's company and one contact who works there. */
export interface Customer {
  companyId: CompanyId;
  contactId: ContactId;
}

let serial = 0;
/** A name no other test object has. */
export function uniqueName(prefix: string): string {
  serial += 1;
  return `${prefix} ${serial}`;
}

/** Creates a contact at a new company (or the named one) as the agent's seller. */
export async function createCustomer(
  agent: Agent,
  props: { name?: string; companyName?: string; shared?: boolean } = {},
): Promise<Customer> {
  const res = await agent.post('/api/contacts', {
    name: props.name ?? uniqueName('Kundin'),
    companyName: props.companyName ?? uniqueName('Maschinenbau GmbH'),
    ...(props.shared ? { shared: true } : {}),
  });
  expectStatus(res, 201);
  const { contact } = res.json<{ contact: { id: ContactId; companyId: CompanyId | null } }>();
  if (!contact.companyId) throw new Error('the contact has no company');
  return { companyId: contact.companyId, contactId: contact.id };
}

/** Creates a machine for a new customer of the agent's seller (or the given one). */
export async function createMachineFor(
  agent: Agent,
  props: { name?: string; customer?: Customer } = {},
): Promise<MachineView> {
  const customer = props.customer ?? (await createCustomer(agent));
  const res = await agent.post('/api/machines', {
    name: props.name ?? uniqueName('Fräse'),
    companyId: customer.companyId,
    contactId: customer.contactId,
  });
  expectStatus(res, 201);
  return res.json<{ machine: MachineView }>().machine;
}

/** Provisions a device on a machine and returns it with its one-time token. */
export async function provisionDeviceFor(
  agent: Agent,
  machineId: MachineId,
  body: { name?: string; expectedIntervalSeconds?: number } = {},
): Promise<DeviceTokenView> {
  const res = await agent.post(`/api/machines/${machineId}/devices`, {
    name: body.name ?? uniqueName('Sensor'),
    ...body,
  });
  expectStatus(res, 201);
  return res.json<DeviceTokenView>();
}

/** Writes `count` readings and rollups of one key of a device, one a minute from `start`. */
export async function insertSeries(
  db: Db,
  deviceId: DeviceId,
  count: number,
  start = Date.UTC(2026, 10, 28, 8, 0, 0),
): Promise<void> {
  const minutes = Array.from({ length: count }, (_, i) => start + i * 60_000);
  await db
    .insertInto('readings')
    .values(
      minutes.map((ts, i) => ({ device_id: deviceId, key: 'temp', ts, value: i, received_at: ts })),
    )
    .execute();
  await db
    .insertInto('reading_rollups')
    .values(
      minutes.map((minute, i) => ({
        device_id: deviceId,
        key: 'temp',
        minute,
        count: 1,
        sum: i,
        min: i,
        max: i,
      })),
    )
    .execute();
}

/** Counts a device's readings and rollups. */
export async function countSeries(
  db: Db,
  deviceId: DeviceId,
): Promise<{ readings: number; rollups: number }> {
  const count = async (table: 'readings' | 'reading_rollups') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { readings: await count('readings'), rollups: await count('reading_rollups') };
}

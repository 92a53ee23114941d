// Machines and devices for alarm tests, inserted as rows (the machines service is not needed to
// have something to watch), and a customer contact with a company to attach a machine to.
import { contactInputSchema } from '../../shared/contacts.js';
import type { CompanyId, ContactId, DeviceId, MachineId, UserId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';

/** Inserts a machine of a company, optionally linked to its customer contact. */
export async function insertMachine(
  db: Db,
  props: {
    ownerId: UserId;
    companyId: CompanyId;
    contactId?: ContactId | null;
    name?: string;
    now?: number;
  },
): Promise<MachineId> {
  const id = newId<MachineId>();
  const now = props.now ?? Date.now();
  await db
    .insertInto('machines')
    .values({
      id,
      owner_id: props.ownerId,
      company_id: props.companyId,
      contact_id: props.contactId ?? null,
      name: props.name ?? 'Fräse 1',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Inserts a device (without a token) on a machine. */
export async function insertDevice(
  db: Db,
  props: {
    machineId: MachineId;
    expectedIntervalSeconds?: number;
    lastSeenAt?: number | null;
    now?: number;
  },
): Promise<DeviceId> {
  const id = newId<DeviceId>();
  const now = props.now ?? Date.now();
  await db
    .insertInto('devices')
    .values({
      id,
      machine_id: props.machineId,
      name: 'Sensor',
      token_hash: null,
      expected_interval_seconds: props.expectedIntervalSeconds ?? 60,
      last_seen_at: props.lastSeenAt ?? null,
      rejected_count: 0,
      created_at: now,
      token_changed_at: now,
    })
    .execute();
  return id;
}

/** What `createCustomerMachine` made. */
export interface CustomerMachine {
  contactId: ContactId;
  companyId: CompanyId;
  machineId: MachineId;
  deviceId: DeviceId;
}

/**
 * Creates a customer contact of the viewer (with a company), a machine of that company owned by
 * the viewer and linked to the contact, and one device on it.
 */
export async function createCustomerMachine(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  props: { contactName: string; machineName?: string; expectedIntervalSeconds?: number },
): Promise<CustomerMachine> {
  const record = await createContact(db, clock, {
    viewer,
    input: contactInputSchema.parse({
      name: props.contactName,
      companyName: `${props.contactName} GmbH`,
    }),
  });
  const companyId = record.row.company_id;
  if (companyId === null) throw new Error('the contact has no company');
  const machineId = await insertMachine(db, {
    ownerId: viewer.id,
    companyId,
    contactId: record.row.id,
    ...(props.machineName !== undefined ? { name: props.machineName } : {}),
    now: clock.now(),
  });
  const deviceId = await insertDevice(db, {
    machineId,
    now: clock.now(),
    ...(props.expectedIntervalSeconds !== undefined
      ? { expectedIntervalSeconds: props.expectedIntervalSeconds }
      : {}),
  });
  return { contactId: record.row.id, companyId, machineId, deviceId };
}

// Rules about machines: who may see and change them, which company and customer contact they may
// name, and that deleting one takes its devices' time series along.
import type { CompanyId, ContactId, MachineId } from '../../shared/ids.js';
import { findUserById } from '../accounts/user.repository.js';
import { findVisibleContact } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import { Invalid, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import type { DeviceDirectory } from './device-auth.js';
import { deleteDeviceSeries, listDeviceIdsOfMachine } from './device.repository.js';
import {
  deleteMachineRow,
  findVisibleCompany,
  findVisibleMachine,
  insertMachine,
  listVisibleMachines,
  loadMachineRecords,
  updateMachineRow,
} from './machine.repository.js';
import type { MachineRecord } from './machine.repository.js';
import type { CreateMachineInput, UpdateMachineInput } from './machine.schemas.js';
import type { MachineRow } from './machine.table.js';

/** The error for a machine that does not exist or that the viewer may not see. */
export const machineNotFound = () => new NotFound('Machine not found', 'machine_not_found');

/**
 * Checks that a machine of this owner may name the company and contact: both visible to the
 * owner (whose Today list the contact lands on), and the contact working at the company.
 * Returns the company's name.
 */
export async function checkMachineCustomer(
  db: Db,
  owner: Viewer,
  companyId: CompanyId,
  contactId: ContactId | null,
): Promise<string> {
  const company = await findVisibleCompany(db, owner, companyId);
  if (!company) {
    throw new Invalid('Unknown company: no company with this id is visible', 'invalid_company', {
      field: 'companyId',
    });
  }
  if (contactId === null) return company.name;
  const contact = await findVisibleContact(db, owner, contactId);
  if (!contact) {
    throw new Invalid('Unknown contact: no contact with this id is visible', 'invalid_contact', {
      field: 'contactId',
    });
  }
  if (contact.company_id !== companyId) {
    throw new Invalid(
      "The contact does not work at the machine's company",
      'contact_not_at_company',
      { field: 'contactId' },
    );
  }
  return company.name;
}

/** The viewer whose visibility rules a machine's company and contact must satisfy: its owner. */
async function ownerOf(db: Db, viewer: Viewer, row: MachineRow): Promise<Viewer> {
  if (row.owner_id === viewer.id) return viewer;
  const user = await findUserById(db, row.owner_id);
  return { id: row.owner_id, isOwner: user?.role === 'owner' };
}

/** Props of createMachine. */
export interface CreateMachineProps {
  viewer: Viewer;
  input: CreateMachineInput;
}

/** Creates a machine owned by the viewer, without devices yet. */
export async function createMachine(
  db: Db,
  clock: Clock,
  props: CreateMachineProps,
): Promise<MachineRecord> {
  const { viewer, input } = props;
  const companyName = await checkMachineCustomer(db, viewer, input.companyId, input.contactId);
  const now = clock.now();
  const row: MachineRow = {
    id: newId<MachineId>(),
    owner_id: viewer.id,
    company_id: input.companyId,
    contact_id: input.contactId,
    name: input.name,
    created_at: now,
    updated_at: now,
  };
  await insertMachine(db, row);
  return { row, companyName, devices: [], openAlarms: 0 };
}

/** Lists the machines the viewer may see, by name, with devices and open alarms. */
export async function listMachines(
  db: Db,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<MachineRecord[]> {
  return loadMachineRecords(db, await listVisibleMachines(db, viewer, page));
}

/** Finds a machine the viewer may see, with devices and open alarms; NotFound otherwise. */
export async function getMachine(
  db: Db,
  viewer: Viewer,
  machineId: MachineId,
): Promise<MachineRecord> {
  const row = await findVisibleMachine(db, viewer, machineId);
  if (!row) throw machineNotFound();
  const [record] = await loadMachineRecords(db, [row]);
  if (!record) throw machineNotFound();
  return record;
}

/** Props of updateMachine. */
export interface UpdateMachineProps {
  viewer: Viewer;
  machineId: MachineId;
  input: UpdateMachineInput;
}

/** Changes a machine's name, company or contact; returns the machine as it is now. */
export async function updateMachine(
  db: Db,
  clock: Clock,
  props: UpdateMachineProps,
): Promise<MachineRecord> {
  const { viewer, machineId, input } = props;
  const current = await findVisibleMachine(db, viewer, machineId);
  if (!current) throw machineNotFound();
  const companyId = input.companyId ?? current.company_id;
  const contactId = input.contactId !== undefined ? input.contactId : current.contact_id;
  // A rename alone checks nothing, so a contact that was unshared since does not block it.
  if (companyId !== current.company_id || contactId !== current.contact_id) {
    const owner = await ownerOf(db, viewer, current);
    await checkMachineCustomer(db, owner, companyId, contactId);
  }
  await updateMachineRow(db, machineId, {
    name: input.name ?? current.name,
    company_id: companyId,
    contact_id: contactId,
    updated_at: clock.now(),
  });
  return getMachine(db, viewer, machineId);
}

/** Props of deleteMachine. */
export interface DeleteMachineProps {
  viewer: Viewer;
  machineId: MachineId;
}

/**
 * Deletes a machine with its devices, their readings and rollups, rules and alarms, in one
 * transaction; then the devices' tokens stop working. Opens its own transaction.
 */
export async function deleteMachine(
  db: Db,
  directory: DeviceDirectory,
  props: DeleteMachineProps,
): Promise<void> {
  const deviceIds = await db.transaction().execute(async (trx) => {
    const row = await findVisibleMachine(trx, props.viewer, props.machineId);
    if (!row) throw machineNotFound();
    const ids = await listDeviceIdsOfMachine(trx, row.id);
    await deleteDeviceSeries(trx, ids);
    await deleteMachineRow(trx, row.id);
    return ids;
  });
  // Only after the commit: a lookup that ran before it would otherwise cache the old token again.
  for (const id of deviceIds) directory.forget(id);
}

// Machines in the database: rows, and full records with company name, devices and open alarms.
import type { CompanyId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { CompanyRow } from '../contacts/contact.table.js';
import type { Db } from '../db/database.js';
import { listDevicesOfMachines, loadDeviceRecords } from './device.repository.js';
import type { DeviceRecord } from './device.repository.js';
import type { MachineRow, NewMachineRow } from './machine.table.js';

/** A machine row with everything a view of it needs. */
export interface MachineRecord {
  row: MachineRow;
  companyName: string;
  devices: DeviceRecord[];
  /** Alarms of this machine that are not closed yet. */
  openAlarms: number;
}

/** Inserts a machine. */
export async function insertMachine(db: Db, row: NewMachineRow): Promise<void> {
  await db.insertInto('machines').values(row).execute();
}

/** Finds a machine the viewer may see: their own, or any for the account owner. */
export async function findVisibleMachine(
  db: Db,
  viewer: Viewer,
  machineId: MachineId,
): Promise<MachineRow | undefined> {
  let query = db.selectFrom('machines').selectAll().where('id', '=', machineId);
  if (!viewer.isOwner) query = query.where('owner_id', '=', viewer.id);
  return query.executeTakeFirst();
}

/** Loads a machine by id with its devices, for a caller already authorised (a call's grant). */
export async function loadMachineById(
  db: Db,
  machineId: MachineId,
): Promise<MachineRecord | undefined> {
  const row = await db
    .selectFrom('machines')
    .selectAll()
    .where('id', '=', machineId)
    .executeTakeFirst();
  return row ? (await loadMachineRecords(db, [row]))[0] : undefined;
}

/** Lists the machines a viewer may see, by name. */
export async function listVisibleMachines(
  db: Db,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<MachineRow[]> {
  let query = db.selectFrom('machines').selectAll();
  if (!viewer.isOwner) query = query.where('owner_id', '=', viewer.id);
  return query.orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

/** Updates columns of a machine row. */
export async function updateMachineRow(
  db: Db,
  machineId: MachineId,
  patch: Partial<Omit<MachineRow, 'id' | 'owner_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('machines').set(patch).where('id', '=', machineId).execute();
}

/** Deletes a machine; devices, key metadata, alarm rules and alarms go with it (cascade). */
export async function deleteMachineRow(db: Db, machineId: MachineId): Promise<void> {
  await db.deleteFrom('machines').where('id', '=', machineId).execute();
}

/** Loads full records for the given machine rows, keeping their order. */
export async function loadMachineRecords(db: Db, rows: MachineRow[]): Promise<MachineRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const companyIds = [...new Set(rows.map((r) => r.company_id))];
  const [companies, deviceRows, alarms] = await Promise.all([
    db.selectFrom('companies').select(['id', 'name']).where('id', 'in', companyIds).execute(),
    listDevicesOfMachines(db, ids),
    db
      .selectFrom('alarms')
      .select((eb) => ['machine_id', eb.fn.countAll<number>().as('n')])
      .where('machine_id', 'in', ids)
      .where('closed_at', 'is', null)
      .groupBy('machine_id')
      .execute(),
  ]);
  const devices = await loadDeviceRecords(db, deviceRows);
  const companyNames = new Map(companies.map((c) => [c.id, c.name]));
  const openAlarms = new Map(alarms.map((a) => [a.machine_id, Number(a.n)]));
  const devicesOf = new Map<MachineId, DeviceRecord[]>();
  for (const device of devices) {
    const list = devicesOf.get(device.row.machine_id) ?? [];
    list.push(device);
    devicesOf.set(device.row.machine_id, list);
  }
  return rows.map((row) => ({
    row,
    companyName: companyNames.get(row.company_id) ?? '',
    devices: devicesOf.get(row.id) ?? [],
    openAlarms: openAlarms.get(row.id) ?? 0,
  }));
}

/**
 * Finds a company the viewer may see: their own or a shared one, any for the account owner
 * (the rule contacts follow).
 */
export async function findVisibleCompany(
  db: Db,
  viewer: Viewer,
  companyId: CompanyId,
): Promise<CompanyRow | undefined> {
  let query = db.selectFrom('companies').selectAll().where('id', '=', companyId);
  if (!viewer.isOwner) {
    query = query.where((eb) => eb.or([eb('owner_id', '=', viewer.id), eb('shared', '=', 1)]));
  }
  return query.executeTakeFirst();
}

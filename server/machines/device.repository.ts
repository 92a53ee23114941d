// Devices in the database: rows, their key metadata, token lookups, and their time series.
import type { DeviceId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { DeviceKeyRow, DeviceRow, NewDeviceRow } from './machine.table.js';

/** A device row with the metadata of its keys, by key. */
export interface DeviceRecord {
  row: DeviceRow;
  keys: DeviceKeyRow[];
}

/** Inserts a device. */
export async function insertDevice(db: Db, row: NewDeviceRow): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

/** Finds a device whose machine the viewer may see: their own, or any for the account owner. */
export async function findVisibleDevice(
  db: Db,
  viewer: Viewer,
  deviceId: DeviceId,
): Promise<DeviceRow | undefined> {
  let query = db
    .selectFrom('devices')
    .innerJoin('machines', 'machines.id', 'devices.machine_id')
    .selectAll('devices')
    .where('devices.id', '=', deviceId);
  if (!viewer.isOwner) query = query.where('machines.owner_id', '=', viewer.id);
  return query.executeTakeFirst();
}

/** Lists the devices of the given machines, oldest first. */
export async function listDevicesOfMachines(db: Db, machineIds: MachineId[]): Promise<DeviceRow[]> {
  if (machineIds.length === 0) return [];
  return db
    .selectFrom('devices')
    .selectAll()
    .where('machine_id', 'in', machineIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Loads the key metadata of the given device rows, keeping their order. */
export async function loadDeviceRecords(db: Db, rows: DeviceRow[]): Promise<DeviceRecord[]> {
  if (rows.length === 0) return [];
  const keys = await db
    .selectFrom('device_keys')
    .selectAll()
    .where(
      'device_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('key')
    .execute();
  const byDevice = new Map<DeviceId, DeviceKeyRow[]>();
  for (const key of keys) {
    const list = byDevice.get(key.device_id) ?? [];
    list.push(key);
    byDevice.set(key.device_id, list);
  }
  return rows.map((row) => ({ row, keys: byDevice.get(row.id) ?? [] }));
}

/** Updates columns of a device row. */
export async function updateDeviceRow(
  db: Db,
  deviceId: DeviceId,
  patch: Partial<Omit<DeviceRow, 'id' | 'machine_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('devices').set(patch).where('id', '=', deviceId).execute();
}

/** Writes the metadata of one key of a device, creating its row if there is none yet. */
export async function upsertDeviceKey(db: Db, row: DeviceKeyRow): Promise<void> {
  await db
    .insertInto('device_keys')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['device_id', 'key']).doUpdateSet({
        display_name: row.display_name,
        unit: row.unit,
        meaning: row.meaning,
      }),
    )
    .execute();
}

/** Lists the ids of a machine's devices. */
export async function listDeviceIdsOfMachine(db: Db, machineId: MachineId): Promise<DeviceId[]> {
  const rows = await db
    .selectFrom('devices')
    .select('id')
    .where('machine_id', '=', machineId)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes the readings and rollups of the given devices (the time series have no foreign keys). */
export async function deleteDeviceSeries(db: Db, deviceIds: DeviceId[]): Promise<void> {
  if (deviceIds.length === 0) return;
  await db.deleteFrom('readings').where('device_id', 'in', deviceIds).execute();
  await db.deleteFrom('reading_rollups').where('device_id', 'in', deviceIds).execute();
}

/** Deletes a device row; its key metadata, alarm rules and their alarms go with it (cascade). */
export async function deleteDeviceRow(db: Db, deviceId: DeviceId): Promise<void> {
  await db.deleteFrom('devices').where('id', '=', deviceId).execute();
}

/** Finds the device that holds a token hash (a revoked device holds none). */
export async function findDeviceByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<Pick<DeviceRow, 'id' | 'machine_id'> | undefined> {
  return db
    .selectFrom('devices')
    .select(['id', 'machine_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Adds to a device's count of rejected payloads. */
export async function addRejectedCount(db: Db, deviceId: DeviceId, count: number): Promise<void> {
  await db
    .updateTable('devices')
    .set((eb) => ({ rejected_count: eb('rejected_count', '+', count) }))
    .where('id', '=', deviceId)
    .execute();
}

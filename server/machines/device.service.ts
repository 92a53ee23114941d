// Rules about devices: provisioning with a token shown once, rotation and revocation that take
// effect at once, key metadata, and deletion together with the device's time series.
import type { DeviceId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import { NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import type { DeviceDirectory } from './device-auth.js';
import { issueDeviceToken } from './device-token.js';
import {
  deleteDeviceRow,
  deleteDeviceSeries,
  findVisibleDevice,
  insertDevice,
  loadDeviceRecords,
  updateDeviceRow,
  upsertDeviceKey,
} from './device.repository.js';
import type { DeviceRecord } from './device.repository.js';
import { findVisibleMachine } from './machine.repository.js';
import type { KeyMetaInput, UpdateDeviceInput } from './machine.schemas.js';
import { machineNotFound } from './machine.service.js';
import type { DeviceRow } from './machine.table.js';

const deviceNotFound = () => new NotFound('Device not found', 'device_not_found');

/** A device together with the token just issued for it, which is shown this once. */
export interface DeviceWithToken {
  record: DeviceRecord;
  token: string;
}

/** Finds a device whose machine the viewer may see, with its key metadata; NotFound otherwise. */
export async function getDevice(db: Db, viewer: Viewer, deviceId: DeviceId): Promise<DeviceRecord> {
  const row = await findVisibleDevice(db, viewer, deviceId);
  if (!row) throw deviceNotFound();
  const [record] = await loadDeviceRecords(db, [row]);
  if (!record) throw deviceNotFound();
  return record;
}

/** Props of provisionDevice. */
export interface ProvisionDeviceProps {
  viewer: Viewer;
  machineId: MachineId;
  name: string;
  expectedIntervalSeconds: number;
}

/** Adds a device to a machine the viewer may see and issues its first token. */
export async function provisionDevice(
  db: Db,
  clock: Clock,
  props: ProvisionDeviceProps,
): Promise<DeviceWithToken> {
  const machine = await findVisibleMachine(db, props.viewer, props.machineId);
  if (!machine) throw machineNotFound();
  const { token, hash } = issueDeviceToken();
  const now = clock.now();
  const row: DeviceRow = {
    id: newId<DeviceId>(),
    machine_id: machine.id,
    name: props.name,
    token_hash: hash,
    expected_interval_seconds: props.expectedIntervalSeconds,
    last_seen_at: null,
    rejected_count: 0,
    created_at: now,
    token_changed_at: now,
  };
  await insertDevice(db, row);
  return { record: { row, keys: [] }, token };
}

/** Props of updateDevice. */
export interface UpdateDeviceProps {
  viewer: Viewer;
  deviceId: DeviceId;
  input: UpdateDeviceInput;
}

/** Renames a device or changes its expected interval; returns the device as it is now. */
export async function updateDevice(db: Db, props: UpdateDeviceProps): Promise<DeviceRecord> {
  const current = await getDevice(db, props.viewer, props.deviceId);
  const patch = {
    name: props.input.name ?? current.row.name,
    expected_interval_seconds:
      props.input.expectedIntervalSeconds ?? current.row.expected_interval_seconds,
  };
  await updateDeviceRow(db, props.deviceId, patch);
  return { ...current, row: { ...current.row, ...patch } };
}

/** Props of setDeviceKeyMeta. */
export interface SetDeviceKeyMetaProps {
  viewer: Viewer;
  deviceId: DeviceId;
  /** A valid telemetry key (the route checks it with telemetryKeySchema). */
  key: string;
  meta: KeyMetaInput;
}

/** Sets what one key of a device means, whether or not it has had metadata or readings yet. */
export async function setDeviceKeyMeta(
  db: Db,
  props: SetDeviceKeyMetaProps,
): Promise<DeviceRecord> {
  const current = await getDevice(db, props.viewer, props.deviceId);
  await upsertDeviceKey(db, {
    device_id: current.row.id,
    key: props.key,
    display_name: props.meta.displayName,
    unit: props.meta.unit,
    meaning: props.meta.meaning,
  });
  return getDevice(db, props.viewer, props.deviceId);
}

/** Props of the token and delete operations on one device. */
export interface DeviceActionProps {
  viewer: Viewer;
  deviceId: DeviceId;
}

/** Replaces a device's token with a new one; the old token is refused from now on. */
export async function rotateDeviceToken(
  db: Db,
  clock: Clock,
  directory: DeviceDirectory,
  props: DeviceActionProps,
): Promise<DeviceWithToken> {
  const current = await getDevice(db, props.viewer, props.deviceId);
  const { token, hash } = issueDeviceToken();
  const patch = { token_hash: hash, token_changed_at: clock.now() };
  await updateDeviceRow(db, props.deviceId, patch);
  directory.forget(props.deviceId);
  return { record: { ...current, row: { ...current.row, ...patch } }, token };
}

/** Revokes a device's token: the device can no longer publish until its token is rotated. */
export async function revokeDeviceToken(
  db: Db,
  clock: Clock,
  directory: DeviceDirectory,
  props: DeviceActionProps,
): Promise<DeviceRecord> {
  const current = await getDevice(db, props.viewer, props.deviceId);
  const patch = { token_hash: null, token_changed_at: clock.now() };
  await updateDeviceRow(db, props.deviceId, patch);
  directory.forget(props.deviceId);
  return { ...current, row: { ...current.row, ...patch } };
}

/**
 * Deletes a device with its readings, rollups, key metadata, rules and alarms, in one
 * transaction; then its token stops working. Opens its own transaction.
 */
export async function deleteDevice(
  db: Db,
  directory: DeviceDirectory,
  props: DeviceActionProps,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findVisibleDevice(trx, props.viewer, props.deviceId);
    if (!row) throw deviceNotFound();
    await deleteDeviceSeries(trx, [row.id]);
    await deleteDeviceRow(trx, row.id);
  });
  // Only after the commit: a lookup that ran before it would otherwise cache the old token again.
  directory.forget(props.deviceId);
}

// What the machines feature sends to clients; token hashes never leave the server.
import type {
  DeviceTokenView,
  MqttConnectionView,
  DeviceView,
  KeyMetaView,
  MachineView,
  SharedMachineView,
} from '../../shared/api/machines.js';
import type { DeviceRecord } from './device.repository.js';
import type { MachineRecord } from './machine.repository.js';
import { computeMachineStatus } from './machine-status.js';
import type { DeviceKeyRow } from './machine.table.js';

/** Presents the metadata of one reading key. */
export function presentKeyMeta(row: DeviceKeyRow): KeyMetaView {
  return {
    key: row.key,
    displayName: row.display_name,
    unit: row.unit,
    meaning: row.meaning,
  };
}

/** Presents a device without its token hash. */
export function presentDevice(record: DeviceRecord): DeviceView {
  const { row } = record;
  return {
    id: row.id,
    machineId: row.machine_id,
    name: row.name,
    expectedIntervalSeconds: row.expected_interval_seconds,
    keys: record.keys.map(presentKeyMeta),
    lastSeenAt: row.last_seen_at,
    rejectedCount: row.rejected_count,
    active: row.token_hash !== null,
    createdAt: row.created_at,
  };
}

/**
 * Presents a device with the token just issued for it (the only time the token is shown) and
 * how the device connects with it.
 */
export function presentDeviceToken(
  record: DeviceRecord,
  token: string,
  mqtt: MqttConnectionView,
): DeviceTokenView {
  return { device: presentDevice(record), token, mqtt };
}

/** Presents a machine, its status computed at time `now` (epoch ms, from the app's clock). */
export function presentMachine(record: MachineRecord, now: number): MachineView {
  const { row } = record;
  return {
    id: row.id,
    name: row.name,
    companyId: row.company_id,
    companyName: record.companyName,
    contactId: row.contact_id,
    status: computeMachineStatus(
      record.devices.map((d) => d.row),
      now,
    ),
    devices: record.devices.map(presentDevice),
    openAlarms: record.openAlarms,
    createdAt: row.created_at,
  };
}

/** A machine as a customer sees it in a call: no devices' ids beyond its series, no tokens. */
export function presentSharedMachine(record: MachineRecord, now: number): SharedMachineView {
  return {
    id: record.row.id,
    name: record.row.name,
    status: computeMachineStatus(
      record.devices.map((d) => d.row),
      now,
    ),
    keys: record.devices.flatMap((d) =>
      d.keys.map((k) => ({ deviceId: d.row.id, ...presentKeyMeta(k) })),
    ),
  };
}

// Table types of live machine data: machines, devices with hashed tokens, per-key metadata, raw
// readings and per-minute rollups. Alarm tables are in server/alarms/alarm.table.ts.
import type { Insertable, Selectable } from 'kysely';
import type { CompanyId, ContactId, DeviceId, MachineId, UserId } from '../../shared/ids.js';

/** A machine (asset) of a customer's company, looked after by the seller who owns it. */
export interface MachinesTable {
  id: MachineId;
  owner_id: UserId;
  company_id: CompanyId;
  contact_id: ContactId | null;
  name: string;
  created_at: number;
  updated_at: number;
}

/** A device (sensor) of a machine. */
export interface DevicesTable {
  id: DeviceId;
  machine_id: MachineId;
  name: string;
  /** SHA-256 (hex) of the token; null once revoked. */
  token_hash: string | null;
  expected_interval_seconds: number;
  last_seen_at: number | null;
  rejected_count: number;
  created_at: number;
  token_changed_at: number;
}

/** What one reading key of a device means. */
export interface DeviceKeysTable {
  device_id: DeviceId;
  key: string;
  display_name: string | null;
  unit: string | null;
  meaning: string | null;
}

/** One raw reading; the primary key is (device_id, key, ts). */
export interface ReadingsTable {
  device_id: DeviceId;
  key: string;
  ts: number;
  value: number;
  received_at: number;
}

/** Aggregate of one key of one device over one minute. */
export interface ReadingRollupsTable {
  device_id: DeviceId;
  key: string;
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** A machine row. */
export type MachineRow = Selectable<MachinesTable>;
/** A new machine row. */
export type NewMachineRow = Insertable<MachinesTable>;
/** A device row. */
export type DeviceRow = Selectable<DevicesTable>;
/** A new device row. */
export type NewDeviceRow = Insertable<DevicesTable>;
/** A device key metadata row. */
export type DeviceKeyRow = Selectable<DeviceKeysTable>;

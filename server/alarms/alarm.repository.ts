// Alarm rules and alarms in the database, and the visibility of machines, devices and rules to a
// viewer (a seller sees the machines they own, the account owner sees all).
import type { AlarmRuleId, DeviceId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { AlarmRow, AlarmRuleRow, NewAlarmRuleRow } from './alarm.table.js';

/** A rule with what the monitor needs of its device. */
export interface RuleRecord {
  rule: AlarmRuleRow;
  machineId: MachineId;
  expectedIntervalSeconds: number;
  /** Device time of the device's newest stored reading. */
  lastSeenAt: number | null;
}

/** A device as far as alarm rules need it. */
export interface DeviceRef {
  id: DeviceId;
  machineId: MachineId;
  lastSeenAt: number | null;
}

function withDevice(db: Db) {
  return db
    .selectFrom('alarm_rules as r')
    .innerJoin('devices as d', 'd.id', 'r.device_id')
    .selectAll('r')
    .select(['d.machine_id', 'd.expected_interval_seconds', 'd.last_seen_at']);
}

function toRecord(
  row: AlarmRuleRow & {
    machine_id: MachineId;
    expected_interval_seconds: number;
    last_seen_at: number | null;
  },
): RuleRecord {
  const { machine_id, expected_interval_seconds, last_seen_at, ...rule } = row;
  return {
    rule,
    machineId: machine_id,
    expectedIntervalSeconds: expected_interval_seconds,
    lastSeenAt: last_seen_at,
  };
}

/** Every rule with its device, or those of one rule or one device. */
export async function loadRuleRecords(
  db: Db,
  only: { ruleId?: AlarmRuleId; deviceId?: DeviceId } = {},
): Promise<RuleRecord[]> {
  let query = withDevice(db);
  if (only.ruleId !== undefined) query = query.where('r.id', '=', only.ruleId);
  if (only.deviceId !== undefined) query = query.where('r.device_id', '=', only.deviceId);
  const rows = await query.orderBy('r.created_at').orderBy('r.id').execute();
  return rows.map(toRecord);
}

/** Ids of the given rules (all when none are given) that have an open alarm. */
export async function findRulesWithOpenAlarm(
  db: Db,
  ruleIds?: readonly AlarmRuleId[],
): Promise<Set<AlarmRuleId>> {
  if (ruleIds?.length === 0) return new Set();
  let query = db.selectFrom('alarms').select('rule_id').where('closed_at', 'is', null);
  if (ruleIds !== undefined) query = query.where('rule_id', 'in', ruleIds);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.rule_id));
}

/** Inserts a rule. */
export async function insertAlarmRule(db: Db, row: NewAlarmRuleRow): Promise<void> {
  await db.insertInto('alarm_rules').values(row).execute();
}

/** Deletes a rule; its alarms go with it. */
export async function deleteAlarmRule(db: Db, id: AlarmRuleId): Promise<void> {
  await db.deleteFrom('alarm_rules').where('id', '=', id).execute();
}

/** Stores a rule's evaluation state (JSON). */
export async function saveRuleState(db: Db, id: AlarmRuleId, state: string): Promise<void> {
  await db.updateTable('alarm_rules').set({ state }).where('id', '=', id).execute();
}

/** The rules of a device, oldest first. */
export async function listDeviceRules(db: Db, deviceId: DeviceId): Promise<AlarmRuleRow[]> {
  return db
    .selectFrom('alarm_rules')
    .selectAll()
    .where('device_id', '=', deviceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Opens an alarm; fails with a unique violation when the rule already has an open one. */
export async function insertAlarm(db: Db, row: AlarmRow): Promise<void> {
  await db.insertInto('alarms').values(row).execute();
}

/** Closes the rule's open alarm, if any, at `at`. */
export async function closeOpenAlarm(db: Db, ruleId: AlarmRuleId, at: number): Promise<void> {
  await db
    .updateTable('alarms')
    .set({ closed_at: at })
    .where('rule_id', '=', ruleId)
    .where('closed_at', 'is', null)
    .execute();
}

/** A machine's open alarms (newest first), then its `recent` newest closed ones. */
export async function listMachineAlarms(
  db: Db,
  machineId: MachineId,
  recent: number,
): Promise<AlarmRow[]> {
  const [open, closed] = await Promise.all([
    db
      .selectFrom('alarms')
      .selectAll()
      .where('machine_id', '=', machineId)
      .where('closed_at', 'is', null)
      .orderBy('opened_at', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('alarms')
      .selectAll()
      .where('machine_id', '=', machineId)
      .where('closed_at', 'is not', null)
      .orderBy('opened_at', 'desc')
      .orderBy('id')
      .limit(recent)
      .execute(),
  ]);
  return [...open, ...closed];
}

/** The machine's id when the viewer may see it. */
export async function findVisibleMachine(
  db: Db,
  viewer: Viewer,
  machineId: MachineId,
): Promise<MachineId | undefined> {
  let query = db.selectFrom('machines').select('id').where('id', '=', machineId);
  if (!viewer.isOwner) query = query.where('owner_id', '=', viewer.id);
  return (await query.executeTakeFirst())?.id;
}

/** The device when the viewer may see its machine. */
export async function findVisibleDevice(
  db: Db,
  viewer: Viewer,
  deviceId: DeviceId,
): Promise<DeviceRef | undefined> {
  let query = db
    .selectFrom('devices as d')
    .innerJoin('machines as m', 'm.id', 'd.machine_id')
    .select(['d.id', 'd.machine_id', 'd.last_seen_at'])
    .where('d.id', '=', deviceId);
  if (!viewer.isOwner) query = query.where('m.owner_id', '=', viewer.id);
  const row = await query.executeTakeFirst();
  return row && { id: row.id, machineId: row.machine_id, lastSeenAt: row.last_seen_at };
}

/** The rule when the viewer may see its device's machine. */
export async function findVisibleRule(
  db: Db,
  viewer: Viewer,
  ruleId: AlarmRuleId,
): Promise<AlarmRuleRow | undefined> {
  let query = db
    .selectFrom('alarm_rules as r')
    .innerJoin('devices as d', 'd.id', 'r.device_id')
    .innerJoin('machines as m', 'm.id', 'd.machine_id')
    .selectAll('r')
    .where('r.id', '=', ruleId);
  if (!viewer.isOwner) query = query.where('m.owner_id', '=', viewer.id);
  return query.executeTakeFirst();
}

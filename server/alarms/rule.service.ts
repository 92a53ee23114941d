// Alarm rules and alarms as a viewer may see them: only of machines they own, or of all machines
// for the account owner; anything else is not found. Changes to rules reach the running monitor.
import type { AlarmRuleId, DeviceId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import { MAX_ALARM_RULES_PER_DEVICE } from '../../shared/api/machines.js';
import { Conflict, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import {
  deleteAlarmRule as deleteRuleRow,
  findVisibleDevice,
  findVisibleMachine,
  findVisibleRule,
  insertAlarmRule,
  listDeviceRules,
  listMachineAlarms as listMachineAlarmRows,
} from './alarm.repository.js';
import type { CreateAlarmRuleInput } from './alarm.schemas.js';
import type { AlarmRow, AlarmRuleRow } from './alarm.table.js';
import type { AlarmMonitor } from './alarm.service.js';
import { initialState, serializeRuleState } from './engine.js';

/** How many closed alarms a machine's alarm list shows beside the open ones. */
export const RECENT_ALARMS = 50;

/** What changing rules needs: the database, the clock and the monitor to tell. */
export interface AlarmRuleDeps {
  db: Db;
  clock: Clock;
  monitor: Pick<AlarmMonitor, 'reload'>;
}

/** Creates a rule on a device the viewer may see; the monitor evaluates it from now on. */
export async function createAlarmRule(
  deps: AlarmRuleDeps,
  props: { viewer: Viewer; deviceId: DeviceId; input: CreateAlarmRuleInput },
): Promise<AlarmRuleRow> {
  const { db, clock, monitor } = deps;
  const device = await findVisibleDevice(db, props.viewer, props.deviceId);
  if (!device) throw new NotFound('Device not found');
  if ((await listDeviceRules(db, device.id)).length >= MAX_ALARM_RULES_PER_DEVICE) {
    throw new Conflict(
      `A device has at most ${MAX_ALARM_RULES_PER_DEVICE} alarm rules; delete one first`,
      'too_many_rules',
    );
  }
  const { input } = props;
  const now = clock.now();
  // An offline rule counts from the device's newest data, so that a device silent for long
  // raises its alarm at once; one that never sent anything gets a full window from now.
  const state = serializeRuleState(initialState(input.kind, device.lastSeenAt ?? now));
  const row: AlarmRuleRow =
    input.kind === 'offline'
      ? {
          id: newId(),
          device_id: device.id,
          kind: 'offline',
          key: null,
          threshold: null,
          hysteresis: null,
          min_duration_seconds: null,
          intervals: input.intervals,
          state,
          created_at: now,
        }
      : {
          id: newId(),
          device_id: device.id,
          kind: input.kind,
          key: input.key,
          threshold: input.threshold,
          hysteresis: input.hysteresis,
          min_duration_seconds: input.minDurationSeconds,
          intervals: null,
          state,
          created_at: now,
        };
  await insertAlarmRule(db, row);
  await monitor.reload(row.id);
  return row;
}

/** Deletes a rule (and its alarms) the viewer may see; the monitor forgets it. */
export async function deleteAlarmRule(
  deps: Pick<AlarmRuleDeps, 'db' | 'monitor'>,
  props: { viewer: Viewer; ruleId: AlarmRuleId },
): Promise<void> {
  const rule = await findVisibleRule(deps.db, props.viewer, props.ruleId);
  if (!rule) throw new NotFound('Alarm rule not found');
  await deleteRuleRow(deps.db, rule.id);
  await deps.monitor.reload(rule.id);
}

/** The rules of a device the viewer may see. */
export async function listAlarmRules(
  db: Db,
  props: { viewer: Viewer; deviceId: DeviceId },
): Promise<AlarmRuleRow[]> {
  const device = await findVisibleDevice(db, props.viewer, props.deviceId);
  if (!device) throw new NotFound('Device not found');
  return listDeviceRules(db, device.id);
}

/** The open and the most recent closed alarms of a machine the viewer may see. */
export async function listMachineAlarms(
  db: Db,
  props: { viewer: Viewer; machineId: MachineId },
): Promise<AlarmRow[]> {
  const machineId = await findVisibleMachine(db, props.viewer, props.machineId);
  if (!machineId) throw new NotFound('Machine not found');
  return listMachineAlarmRows(db, machineId, RECENT_ALARMS);
}

// Machine alarms as reasons on the Today list: an open alarm of a machine puts the machine's
// customer contact on the list of the contact's seller, with a link to the chart at the event.
import type { AlarmId, ContactId, MachineId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { Reason, ReasonProvider } from '../today/reasons.js';
import type { AlarmKind } from './alarm.table.js';

/** The kind of Today reason a machine alarm gives. */
export const MACHINE_ALARM_REASON = 'machine_alarm';

/**
 * Weight of each open alarm on the Today list: as much as a promised next step. A customer
 * whose machine is in trouble is worth a call, but the call already booked for today still
 * comes first.
 */
export const MACHINE_ALARM_WEIGHT = 1.5;

/** An open alarm of a machine whose customer contact may land on the Today list. */
export interface OpenMachineAlarm {
  alarmId: AlarmId;
  contactId: ContactId;
  machineId: MachineId;
  machineName: string;
  kind: AlarmKind;
  key: string | null;
  value: number | null;
  /** The rule's threshold, for threshold rules. */
  threshold: number | null;
  openedAt: number;
}

/** Where a machine alarm links to: the machine's chart around the moment it opened. */
export function machineAlarmLink(machineId: MachineId, openedAt: number): string {
  return `/machines/${encodeURIComponent(machineId)}?at=${openedAt}`;
}

/**
 * The open alarms of machines whose customer contact is one of the viewer's own contacts (the
 * people on their Today list). A seller learns only of machines they own; the account owner of
 * all machines.
 */
export async function findOpenMachineAlarms(db: Db, viewer: Viewer): Promise<OpenMachineAlarm[]> {
  let query = db
    .selectFrom('contacts as c')
    .innerJoin('machines as m', 'm.contact_id', 'c.id')
    .innerJoin('alarms as a', 'a.machine_id', 'm.id')
    .leftJoin('alarm_rules as r', 'r.id', 'a.rule_id')
    .select([
      'a.id',
      'c.id as contact_id',
      'm.id as machine_id',
      'm.name',
      'a.kind',
      'a.key',
      'a.value',
      'r.threshold',
      'a.opened_at',
    ])
    .where('c.owner_id', '=', viewer.id)
    .where('a.closed_at', 'is', null);
  if (!viewer.isOwner) query = query.where('m.owner_id', '=', viewer.id);
  const rows = await query.orderBy('a.opened_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    alarmId: r.id,
    contactId: r.contact_id,
    machineId: r.machine_id,
    machineName: r.name,
    kind: r.kind,
    key: r.key,
    value: r.value,
    threshold: r.threshold,
    openedAt: r.opened_at,
  }));
}

/** The Today reason of one open alarm. */
export function machineAlarmReason(alarm: OpenMachineAlarm): Reason {
  const detail: Record<string, string | number> = {
    machineId: alarm.machineId,
    machineName: alarm.machineName,
    alarmKind: alarm.kind,
    openedAt: alarm.openedAt,
    link: machineAlarmLink(alarm.machineId, alarm.openedAt),
  };
  if (alarm.key !== null) detail.key = alarm.key;
  if (alarm.value !== null) detail.value = alarm.value;
  if (alarm.threshold !== null) detail.threshold = alarm.threshold;
  return {
    kind: MACHINE_ALARM_REASON,
    weight: MACHINE_ALARM_WEIGHT,
    at: alarm.openedAt,
    detail,
  };
}

/** Makes the provider that gives each candidate one reason per open alarm of their machines. */
export function machineAlarmReasons(alarms: readonly OpenMachineAlarm[]): ReasonProvider {
  const byContact = new Map<ContactId, Reason[]>();
  for (const alarm of alarms) {
    const reasons = byContact.get(alarm.contactId);
    if (reasons) reasons.push(machineAlarmReason(alarm));
    else byContact.set(alarm.contactId, [machineAlarmReason(alarm)]);
  }
  return (candidate) => byContact.get(candidate.contactId) ?? [];
}

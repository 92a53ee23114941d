// Helpers for the machine logic's unit tests: the real translations, and a machine to describe.
import i18next from 'i18next';
import deMachines from '../i18n/de/machines.json';
import enMachines from '../i18n/en/machines.json';
import type { DeviceView, MachineView } from '../api/machines';
import type { CompanyId, DeviceId, MachineId } from '../../shared/ids';
import type { MachinesT } from './status';

/** The machines namespace's `t` in German and English, from the real translation files. */
export async function machinesT(): Promise<{ de: MachinesT; en: MachinesT }> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'de',
    fallbackLng: 'en',
    ns: ['machines'],
    defaultNS: 'machines',
    resources: { de: { machines: deMachines }, en: { machines: enMachines } },
    interpolation: { escapeValue: false },
  });
  return {
    de: instance.getFixedT('de', 'machines'),
    en: instance.getFixedT('en', 'machines'),
  };
}

/** A device with the given overrides. */
export function device(change: Partial<DeviceView> = {}): DeviceView {
  return {
    id: 'dev-aaaaaaaa' as DeviceId,
    machineId: 'mach-aaaaaaaa' as MachineId,
    name: 'Spindle sensor',
    expectedIntervalSeconds: 60,
    keys: [],
    lastSeenAt: null,
    rejectedCount: 0,
    active: true,
    createdAt: 0,
    ...change,
  };
}

/** A machine of Kühn Präzisionsteile with the given overrides. */
export function machine(change: Partial<MachineView> = {}): MachineView {
  return {
    id: 'mach-aaaaaaaa' as MachineId,
    name: 'Press line 2',
    companyId: 'comp-aaaaaaaa' as CompanyId,
    companyName: 'Kühn Präzisionsteile GmbH',
    contactId: null,
    status: { online: false, lastSeenAt: null },
    devices: [device()],
    openAlarms: 0,
    createdAt: 0,
    ...change,
  };
}

// The demo data the simulator publishes for: per machine a customer company with a contact, the
// machine, and one device per WunderBar module with the meaning of its keys. It belongs to the
// account owner and is made through the same services as the API uses. A later run finds and
// re-uses it, and rotates the devices' tokens, because only their hashes are stored.
import { contactInputSchema } from '../../shared/contacts.js';
import { foldText } from '../../shared/fold.js';
import type { ContactId, DeviceId, MachineId } from '../../shared/ids.js';
import { listMembers } from '../accounts/user.repository.js';
import { findCompanyByFoldedName } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { DeviceDirectory } from '../machines/device-auth.js';
import type { DeviceRecord } from '../machines/device.repository.js';
import type { DeviceWithToken } from '../machines/device.service.js';
import {
  provisionDevice,
  rotateDeviceToken,
  setDeviceKeyMeta,
  updateDevice,
} from '../machines/device.service.js';
import { createMachine, getMachine, updateMachine } from '../machines/machine.service.js';
import { DEMO_DEVICES, demoCompanyName, demoCustomerOf, demoMachineName } from './demo-data.js';
import type { DemoDeviceSpec } from './demo-data.js';
import { findContactAtCompany, findMachineAtCompany } from './demo.repository.js';
import type { WunderbarModule } from './wunderbar.js';

/** Raised when the installation has no owner account yet, so nobody could own the demo data. */
export class SetupRequiredError extends Error {
  override name = 'SetupRequiredError';
  constructor() {
    super(
      'Nahbar has no owner account yet. Open the one-time setup link that `npm start` printed, ' +
        'create the owner account, then run the simulator again.',
    );
  }
}

/** One device of a demo machine with the token just issued for it. */
export interface DemoDevice {
  module: WunderbarModule;
  deviceId: DeviceId;
  /** Valid until the next run rotates it. */
  token: string;
}

/** One demo machine, ready to publish for. */
export interface DemoMachine {
  /** Position in the fleet (0, 1, …); it also picks the machine's simulated profile. */
  index: number;
  machineId: MachineId;
  name: string;
  companyName: string;
  contactId: ContactId;
  contactName: string;
  devices: DemoDevice[];
}

/** Options of provisionDemoFleet. */
export interface DemoFleetOptions {
  /** How many demo machines (the first ones are re-used, none are deleted). */
  machines: number;
  /** Expected seconds between a device's messages, which the online status counts with. */
  expectedIntervalSeconds: number;
}

/**
 * Finds or creates the demo machines of the account owner, and issues fresh tokens for all their
 * devices. Throws SetupRequiredError while there is no owner account.
 */
export async function provisionDemoFleet(
  db: Db,
  clock: Clock,
  directory: DeviceDirectory,
  opts: DemoFleetOptions,
): Promise<DemoMachine[]> {
  const owner = (await listMembers(db)).find((m) => m.role === 'owner');
  if (!owner) throw new SetupRequiredError();
  const viewer: Viewer = { id: owner.id, isOwner: true };
  const fleet: DemoMachine[] = [];
  for (let index = 0; index < opts.machines; index++) {
    fleet.push(await provisionDemoMachine(db, clock, directory, viewer, index, opts));
  }
  return fleet;
}

async function provisionDemoMachine(
  db: Db,
  clock: Clock,
  directory: DeviceDirectory,
  viewer: Viewer,
  index: number,
  opts: DemoFleetOptions,
): Promise<DemoMachine> {
  const companyName = demoCompanyName(index);
  const contact = await findOrCreateDemoContact(db, clock, viewer, index);
  const name = demoMachineName(index);
  let machineId = await findMachineAtCompany(db, viewer.id, contact.companyId, name);
  if (machineId === undefined) {
    const created = await createMachine(db, clock, {
      viewer,
      input: { name, companyId: contact.companyId, contactId: contact.id },
    });
    machineId = created.row.id;
  }
  const machine = await getMachine(db, viewer, machineId);
  // The contact may have been deleted and made again since the machine was created.
  if (machine.row.contact_id !== contact.id) {
    await updateMachine(db, clock, { viewer, machineId, input: { contactId: contact.id } });
  }
  const devices: DemoDevice[] = [];
  for (const spec of DEMO_DEVICES) {
    const existing = machine.devices.find((d) => d.row.name === spec.name);
    devices.push(
      await readyDemoDevice(db, clock, directory, viewer, machineId, spec, existing, opts),
    );
  }
  return {
    index,
    machineId,
    name,
    companyName,
    contactId: contact.id,
    contactName: contact.name,
    devices,
  };
}

async function findOrCreateDemoContact(db: Db, clock: Clock, viewer: Viewer, index: number) {
  const companyName = demoCompanyName(index);
  const customer = demoCustomerOf(index);
  const company = await findCompanyByFoldedName(db, viewer.id, foldText(companyName));
  const existing = company
    ? await findContactAtCompany(db, viewer.id, company.id, customer.contact.name)
    : undefined;
  if (company && existing !== undefined) {
    return { id: existing, companyId: company.id, name: customer.contact.name };
  }
  const input = contactInputSchema.parse({ ...customer.contact, companyName });
  const record = await db
    .transaction()
    .execute((trx) => createContact(trx, clock, { viewer, input }));
  const companyId = record.row.company_id;
  if (companyId === null) throw new Error('the demo contact has no company');
  return { id: record.row.id, companyId, name: record.row.name };
}

async function readyDemoDevice(
  db: Db,
  clock: Clock,
  directory: DeviceDirectory,
  viewer: Viewer,
  machineId: MachineId,
  spec: DemoDeviceSpec,
  existing: DeviceRecord | undefined,
  opts: DemoFleetOptions,
): Promise<DemoDevice> {
  const interval = opts.expectedIntervalSeconds;
  let issued: DeviceWithToken;
  if (existing) {
    if (existing.row.expected_interval_seconds !== interval) {
      await updateDevice(db, {
        viewer,
        deviceId: existing.row.id,
        input: { expectedIntervalSeconds: interval },
      });
    }
    issued = await rotateDeviceToken(db, clock, directory, { viewer, deviceId: existing.row.id });
  } else {
    issued = await provisionDevice(db, clock, {
      viewer,
      machineId,
      name: spec.name,
      expectedIntervalSeconds: interval,
    });
  }
  const deviceId = issued.record.row.id;
  for (const [key, meta] of Object.entries(spec.keys)) {
    const current = existing?.keys.find((k) => k.key === key);
    const same =
      current?.display_name === meta.displayName &&
      current.unit === meta.unit &&
      current.meaning === meta.meaning;
    if (!same) await setDeviceKeyMeta(db, { viewer, deviceId, key, meta });
  }
  return { module: spec.module, deviceId, token: issued.token };
}

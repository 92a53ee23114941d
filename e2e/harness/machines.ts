// Machines set up over HTTP the way the seller's pages do it, for tests that need a machine with
// a customer, a device and readings before they open its page.
import { z } from 'zod';
import type { SignedInUser } from './accounts.js';

/** A machine with one device whose token the test keeps. */
export interface TestMachine {
  machineId: string;
  deviceId: string;
  token: string;
}

const contactSchema = z.object({
  contact: z.object({ id: z.string(), companyId: z.string() }),
});
const machineSchema = z.object({ machine: z.object({ id: z.string() }) });
const tokenSchema = z.object({ device: z.object({ id: z.string() }), token: z.string() });

/**
 * Creates a customer contact at `company`, a machine for that company with the contact for
 * alarms, and a device; `readings` (if any) are sent through the device HTTP API, one payload
 * each, e.g. `{ temperature: 21.5 }`.
 */
export async function createTestMachine(
  user: SignedInUser,
  opts: { company: string; contact: string; machine: string; readings?: object[] },
): Promise<TestMachine> {
  const { contact } = contactSchema.parse(
    await user.http.post('/api/contacts', { name: opts.contact, companyName: opts.company }),
  );
  const { machine } = machineSchema.parse(
    await user.http.post('/api/machines', {
      name: opts.machine,
      companyId: contact.companyId,
      contactId: contact.id,
    }),
  );
  const issued = tokenSchema.parse(
    await user.http.post(`/api/machines/${encodeURIComponent(machine.id)}/devices`, {
      name: 'Spindle sensor',
    }),
  );
  for (const reading of opts.readings ?? []) {
    await user.http.post(`/api/v1/${encodeURIComponent(issued.token)}/telemetry`, reading);
  }
  return { machineId: machine.id, deviceId: issued.device.id, token: issued.token };
}

import { describe, expect, it } from 'vitest';
import deBooking from './de/booking.json';
import enBooking from './en/booking.json';
import deBookingSeller from './de/bookingSeller.json';
import enBookingSeller from './en/bookingSeller.json';
import deContacts from './de/contacts.json';
import enContacts from './en/contacts.json';
import deMachines from './de/machines.json';
import enMachines from './en/machines.json';
import { resources } from './index';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('translations', () => {
  it('have the same keys in German and English in every namespace', () => {
    const namespaces = {
      ...Object.fromEntries(
        Object.keys(resources.en).map((ns) => [
          ns,
          [
            resources.de[ns as keyof typeof resources.de],
            resources.en[ns as keyof typeof resources.en],
          ],
        ]),
      ),
      contacts: [deContacts, enContacts],
      machines: [deMachines, enMachines],
      booking: [deBooking, enBooking],
      bookingSeller: [deBookingSeller, enBookingSeller],
    };
    for (const [ns, [de, en]] of Object.entries(namespaces)) {
      expect(keys(de).sort(), ns).toEqual(keys(en).sort());
    }
  });
});

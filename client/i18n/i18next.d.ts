// Types i18next keys against the English resources, so a missing key is a compile error.
import 'i18next';
import type enBooking from './en/booking.json';
import type enBookingSeller from './en/bookingSeller.json';
import type enContacts from './en/contacts.json';
import type enMachines from './en/machines.json';
import type { resources } from './index';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // The lazy namespaces (see `lazyNamespaces` in index.ts) are not in `resources`.
    resources: (typeof resources)['en'] & {
      contacts: typeof enContacts;
      machines: typeof enMachines;
      booking: typeof enBooking;
      bookingSeller: typeof enBookingSeller;
    };
  }
}

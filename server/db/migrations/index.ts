// The ordered list of migrations. Names sort by time; add new files here, never edit old ones.
import type { Migration } from 'kysely';
import * as initial from './2026-11-28T0600_initial.js';
import * as relationshipMemory from './2026-11-28T1100_relationship_memory.js';
import * as machineData from './2026-11-28T1300_machine_data.js';
import * as booking from './2026-11-28T1500_booking.js';
import * as mailOutbox from './2026-11-28T1510_mail_outbox.js';
import * as bookingReminders from './2026-11-28T1520_booking_reminders.js';
import * as contactNextStep from './2026-11-28T1600_contact_next_step.js';
import * as contactKeysUnchecked from './2026-11-29T1000_contact_keys_unchecked.js';

/** Every migration, keyed by its timestamped name. */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0600_initial': initial,
  '2026-11-28T1100_relationship_memory': relationshipMemory,
  '2026-11-28T1300_machine_data': machineData,
  '2026-11-28T1500_booking': booking,
  '2026-11-28T1510_mail_outbox': mailOutbox,
  '2026-11-28T1520_booking_reminders': bookingReminders,
  '2026-11-28T1600_contact_next_step': contactNextStep,
  '2026-11-29T1000_contact_keys_unchecked': contactKeysUnchecked,
};

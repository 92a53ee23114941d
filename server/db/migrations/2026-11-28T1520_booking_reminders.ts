// Booking e-mails and reminders: the language of a guest's e-mails on each booking, the booking an
// outbox message is about (so that erasing a person erases their mail too), and the reminder jobs
// (24 h and 15 min before a meeting), each claimed and written to the outbox exactly once.
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Adds the guest's language, the outbox's booking link and the reminder jobs. */
export async function up(db: Kysely<any>): Promise<void> {
  /** de | en: the language of the guest's confirmation, invitation and reminders. */
  await db.schema
    .alterTable('bookings')
    .addColumn('guest_language', 'varchar(8)', (c) => c.notNull().defaultTo('de'))
    .execute();

  /** The booking a message is about; its messages go when it does (erasure of the contact). */
  await db.schema
    .alterTable('outbox')
    .addColumn('booking_id', 'varchar(32)', (c) => c.references('bookings.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('outbox_booking').on('outbox').column('booking_id').execute();

  await db.schema
    .createTable('booking_reminders')
    .addColumn('booking_id', 'varchar(32)', (c) =>
      c.notNull().references('bookings.id').onDelete('cascade'),
    )
    /** 24h | 15m: how long before the meeting. */
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    /** When it is to go out: the meeting's start less the kind's lead. */
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    /** When a reminder service claimed it; set once, by one UPDATE, in the outbox's transaction. */
    .addColumn('sent_at', 'bigint')
    /** sent (its e-mails are in the outbox) | skipped (too late, or cancelled) | failed. */
    .addColumn('outcome', 'varchar(8)')
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_reminders_pk', ['booking_id', 'kind'])
    .addCheckConstraint('booking_reminders_kind', sql`kind in ('24h', '15m')`)
    .execute();
  // The service's question, "which reminders are due?", reads only the few unclaimed ones.
  await db.schema
    .createIndex('booking_reminders_due')
    .on('booking_reminders')
    .column('due_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
}

/** Drops the reminder jobs and the added columns. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('booking_reminders').execute();
  await db.schema.dropIndex('outbox_booking').execute();
  await db.schema.alterTable('outbox').dropColumn('booking_id').execute();
  await db.schema.alterTable('bookings').dropColumn('guest_language').execute();
}

// Booking: each seller's booking settings (zone, weekly hours, overrides, the change cut-off),
// their meeting types, and the bookings guests make. The database itself refuses two confirmed
// bookings of one seller whose buffered times overlap: an exclusion constraint on PostgreSQL, a
// trigger on SQLite (which runs one writer at a time, so a check inside the insert is race-free).
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';

// The longest buffered time one booking may block: the CHECK below holds every booking to it, so
// the SQLite trigger only has to look that far back (16 h of meeting and buffers fit in a day).
const MAX_BLOCK_MS = 86_400_000;

/** Creates the booking tables and the double-booking guard. */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('booking_settings')
    .addColumn('seller_id', 'varchar(32)', (c) =>
      c.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    /** JSON object: weekday → working intervals. */
    .addColumn('weekly_hours', 'text', (c) => c.notNull())
    /** JSON array of date overrides. */
    .addColumn('overrides', 'text', (c) => c.notNull())
    /** Guests may not move or cancel a booking within this many hours of its start; null: always. */
    .addColumn('change_cutoff_hours', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meeting_types')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('seller_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('slug', 'varchar(60)', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull())
    .addColumn('minimum_notice_minutes', 'integer', (c) => c.notNull())
    .addColumn('horizon_days', 'integer', (c) => c.notNull())
    .addColumn('slot_step_minutes', 'integer', (c) => c.notNull())
    .addColumn('daily_limit', 'integer')
    /** JSON array of { id, label, required }. */
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    /** Deleted types keep their row for the bookings that name them. */
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('meeting_types_seller_slug')
    .on('meeting_types')
    .columns(['seller_id', 'slug'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('seller_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('meeting_type_id', 'varchar(32)', (c) => c.notNull().references('meeting_types.id'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    /** The buffers of the meeting type when it was booked (a later change does not move them). */
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull())
    /** starts_at − buffer before and ends_at + buffer after: the time the guard compares. */
    .addColumn('blocked_from', 'bigint', (c) => c.notNull())
    .addColumn('blocked_to', 'bigint', (c) => c.notNull())
    /** confirmed | cancelled */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('guest_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('guest_email', 'varchar(254)', (c) => c.notNull())
    .addColumn('guest_company', 'varchar(200)')
    /** E.164. */
    .addColumn('guest_phone', 'varchar(20)')
    .addColumn('guest_message', 'text')
    /** JSON array of { questionId, label, answer }: the questions as the guest saw them. */
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('guest_time_zone', 'varchar(64)', (c) => c.notNull())
    // Erasing a contact erases their bookings (they hold the same personal data).
    .addColumn('contact_id', 'varchar(32)', (c) => c.references('contacts.id').onDelete('cascade'))
    .addColumn('touchpoint_id', 'varchar(32)', (c) =>
      c.references('touchpoints.id').onDelete('set null'),
    )
    .addColumn('contact_link_id', 'varchar(32)', (c) =>
      c.references('contact_links.id').onDelete('set null'),
    )
    /** iCalendar UID of the invitation: stable across reschedules and the cancel. */
    .addColumn('ical_uid', 'varchar(200)', (c) => c.notNull().unique())
    /** iCalendar SEQUENCE: 0, then one more for each revision the guest is sent. */
    .addColumn('sequence', 'integer', (c) => c.notNull())
    /** SHA-256 (hex) of the guest's reschedule/cancel token. */
    .addColumn('manage_token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('cancelled_at', 'bigint')
    /** guest | seller */
    .addColumn('cancelled_by', 'varchar(16)')
    .addCheckConstraint('bookings_status', sql`status in ('confirmed', 'cancelled')`)
    .addCheckConstraint('bookings_times', sql`starts_at < ends_at`)
    .addCheckConstraint(
      'bookings_blocked',
      sql`buffer_before_minutes >= 0 and buffer_after_minutes >= 0
        and blocked_from = starts_at - buffer_before_minutes * 60000
        and blocked_to = ends_at + buffer_after_minutes * 60000
        and blocked_to - blocked_from <= ${sql.lit(MAX_BLOCK_MS)}`,
    )
    .execute();
  await db.schema
    .createIndex('bookings_seller_blocked')
    .on('bookings')
    .columns(['seller_id', 'blocked_from'])
    .execute();
  await db.schema.createIndex('bookings_contact').on('bookings').column('contact_id').execute();

  if (sqlite) {
    // A new or changed confirmed booking may not overlap another confirmed booking of the seller
    // ([from, to) intervals: touching is fine). Only bookings that start at most MAX_BLOCK_MS
    // before it can reach it, which keeps the lookup a short range of bookings_seller_blocked.
    const overlapping = (self: RawBuilder<unknown>) => sql`
      select raise(abort, 'booking_overlap') where exists (
        select 1 from bookings b
        where b.seller_id = new.seller_id and b.status = 'confirmed' ${self}
          and b.blocked_from > new.blocked_from - ${sql.lit(MAX_BLOCK_MS)}
          and b.blocked_from < new.blocked_to and b.blocked_to > new.blocked_from
      );`;
    await sql`create trigger bookings_no_overlap_insert before insert on bookings
      when new.status = 'confirmed'
      begin ${overlapping(sql``)} end`.execute(db);
    await sql`create trigger bookings_no_overlap_update
      before update of seller_id, status, blocked_from, blocked_to on bookings
      when new.status = 'confirmed'
      begin ${overlapping(sql`and b.id <> new.id`)} end`.execute(db);
  } else {
    // btree_gist lets one GiST index compare the seller by equality and the times by overlap.
    await sql`create extension if not exists btree_gist`.execute(db);
    await sql`alter table bookings add constraint booking_overlap exclude using gist (
      seller_id with =, int8range(blocked_from, blocked_to) with &&
    ) where (status = 'confirmed')`.execute(db);
  }
}

/** Drops the booking tables (the guard goes with them; btree_gist stays installed). */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['bookings', 'meeting_types', 'booking_settings']) {
    await db.schema.dropTable(table).execute();
  }
}

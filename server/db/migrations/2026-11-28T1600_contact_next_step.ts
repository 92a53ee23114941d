// The earliest open next step of each contact, kept on the contact as its due time is, so that
// the Today list finds the people with a step due, ranked, from one index: before, it looked up
// each of them (2,600 at 100,000 contacts) by primary key.
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Adds `contacts.next_step_due_at`, fills it from the touchpoint log and indexes it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('next_step_due_at', 'bigint').execute();
  await sql`
    update contacts set next_step_due_at = (
      select min(t.next_step_due_at) from touchpoints t
      where t.contact_id = contacts.id
        and t.next_step_due_at is not null and t.next_step_done_at is null
    )`.execute(db);
  // Everything the ranking of step candidates reads, so that it never visits the table.
  await db.schema
    .createIndex('contacts_owner_step_due')
    .on('contacts')
    .columns([
      'owner_id',
      'next_step_due_at',
      'cadence_effective',
      'due_at',
      'last_touch_at',
      'created_at',
      'snoozed_until',
      'id',
    ])
    .where('next_step_due_at', 'is not', null)
    .execute();
}

/** Drops the index and the column. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_owner_step_due').execute();
  await db.schema.alterTable('contacts').dropColumn('next_step_due_at').execute();
}

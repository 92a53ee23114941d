// The mail outbox: every e-mail is written here before SMTP sees it, so that nothing is lost when
// SMTP is down or not configured, and nothing is sent twice once the server accepted it.
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Creates the outbox table. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    /** The seller the message belongs to; null for system mail (the owner sees those). */
    .addColumn('seller_id', 'varchar(32)', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('to_name', 'varchar(200)')
    .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    /** An iCalendar text sent as the text/calendar part, and its method (REQUEST | CANCEL). */
    .addColumn('ics', 'text')
    .addColumn('ics_method', 'varchar(16)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    /** When the SMTP server accepted the message; null until then (and for kept messages). */
    .addColumn('sent_at', 'bigint')
    /** smtp | outbox (no SMTP configured when it was written: kept, never sent). */
    .addColumn('transport', 'varchar(8)', (c) => c.notNull())
    /** When the next SMTP attempt is due; null once sent, given up or kept. */
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** The last SMTP error. */
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_seller_created')
    .on('outbox')
    .columns(['seller_id', 'created_at'])
    .execute();
  await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();
  // The delivery loop's question, "which messages are due?", reads only the few unsent ones.
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .column('next_attempt_at')
    .where(sql.ref('next_attempt_at'), 'is not', null)
    .execute();
}

/** Drops the outbox table. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}

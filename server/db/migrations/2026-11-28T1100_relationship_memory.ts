// Relationship memory: companies, contacts with personal context, their e-mails, phones and tags,
// the append-only touchpoint log, cadences per tag, personal invite links, the folded search
// index (FTS5 on SQLite, tsvector on PostgreSQL) and the audit log.
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/** Creates the relationship memory's tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('owner_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_folded', 'varchar(400)', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('companies_owner_name')
    .on('companies')
    .columns(['owner_id', 'name_folded'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('owner_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('company_id', 'varchar(32)', (c) =>
      c.references('companies.id').onDelete('set null'),
    )
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('role', 'varchar(120)')
    .addColumn('street', 'varchar(200)')
    .addColumn('postal_code', 'varchar(20)')
    .addColumn('city', 'varchar(100)')
    .addColumn('country', 'varchar(100)')
    .addColumn('language', 'varchar(35)')
    .addColumn('time_zone', 'varchar(64)')
    /** JSON array of reach windows. */
    .addColumn('best_reach', 'text', (c) => c.notNull())
    .addColumn('family', 'text')
    .addColumn('interests', 'text')
    .addColumn('home_office', 'text')
    .addColumn('birthday_month', 'integer')
    .addColumn('birthday_day', 'integer')
    .addColumn('birthday_year', 'integer')
    .addColumn('preferred_channel', 'varchar(16)')
    .addColumn('notes', 'text')
    .addColumn('cadence_days', 'integer')
    /** Own cadence, else the shortest of its tags', else the fallback (kept by the app). */
    .addColumn('cadence_effective', 'integer', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    /** Derived from the touchpoint log (newest wins); recomputable. */
    .addColumn('last_touch_at', 'bigint')
    /** (last touch, or creation if never touched) + effective cadence: orders the Today list. */
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('snoozed_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // No index on owner_id alone: the Today indexes below all start with it, and every index
  // costs each of the 100,000 rows of a big import.
  await db.schema.createIndex('contacts_company').on('contacts').column('company_id').execute();
  // The Today list: per cadence, the most overdue first (due_at order equals overdue-ratio order
  // among contacts of one cadence); the partial index finds the never-touched, who are always due.
  await db.schema
    .createIndex('contacts_owner_cadence_due')
    .on('contacts')
    .columns(['owner_id', 'cadence_effective', 'due_at'])
    .where(sql.ref('last_touch_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('contacts_owner_untouched')
    .on('contacts')
    .columns(['owner_id', 'cadence_effective', 'due_at'])
    .where(sql.ref('last_touch_at'), 'is', null)
    .execute();
  // How many are due: a covering range over (owner, due_at) that also checks the snooze.
  await db.schema
    .createIndex('contacts_owner_due')
    .on('contacts')
    .columns(['owner_id', 'due_at', 'snoozed_until'])
    .execute();
  // Birthdays this week for the Today list: one lookup per (owner, month, day).
  await db.schema
    .createIndex('contacts_owner_birthday')
    .on('contacts')
    .columns(['owner_id', 'birthday_month', 'birthday_day'])
    .execute();

  await db.schema
    .createTable('contact_emails')
    .addColumn('contact_id', 'varchar(32)', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_emails_pk', ['contact_id', 'position'])
    .execute();
  await db.schema
    .createIndex('contact_emails_email')
    .on('contact_emails')
    .column('email')
    .execute();

  await db.schema
    .createTable('contact_phones')
    .addColumn('contact_id', 'varchar(32)', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('e164', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_phones_pk', ['contact_id', 'position'])
    .execute();
  await db.schema.createIndex('contact_phones_e164').on('contact_phones').column('e164').execute();

  await db.schema
    .createTable('contact_tags')
    .addColumn('contact_id', 'varchar(32)', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('tag', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag'])
    .execute();
  await db.schema.createIndex('contact_tags_tag').on('contact_tags').column('tag').execute();

  await db.schema
    .createTable('tag_cadences')
    .addColumn('tag', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('days', 'integer', (c) => c.notNull())
    .execute();
  // The defaults a team starts with (written out here: migrations never import app code).
  await db
    .insertInto('tag_cadences')
    .values([
      { tag: 'key account', days: 14 },
      { tag: 'customer', days: 30 },
      { tag: 'prospect', days: 90 },
      // The same in German, as sellers here tag their contacts.
      { tag: 'schlüsselkunde', days: 14 },
      { tag: 'kunde', days: 30 },
      { tag: 'interessent', days: 90 },
    ])
    .execute();

  await db.schema
    .createTable('touchpoints')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('contact_id', 'varchar(32)', (c) => c.references('contacts.id').onDelete('cascade'))
    .addColumn('company_id', 'varchar(32)', (c) => c.references('companies.id').onDelete('cascade'))
    .addColumn('author_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('next_step_due_at', 'bigint')
    .addColumn('next_step_done_at', 'bigint')
    .addColumn('meeting_id', 'varchar(32)', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('touchpoints_contact_time')
    .on('touchpoints')
    .columns(['contact_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('touchpoints_company_time')
    .on('touchpoints')
    .columns(['company_id', 'occurred_at'])
    .execute();
  // Open next steps only (a small part of the log): by due date for the Today list, by contact
  // for each candidate's earliest open step. Done steps are never looked up by date.
  await db.schema
    .createIndex('touchpoints_open_step_due')
    .on('touchpoints')
    .columns(['next_step_due_at', 'contact_id'])
    .where('next_step_due_at', 'is not', null)
    .where(sql.ref('next_step_done_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('touchpoints_open_step_contact')
    .on('touchpoints')
    .columns(['contact_id', 'next_step_due_at'])
    .where('next_step_due_at', 'is not', null)
    .where(sql.ref('next_step_done_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('touchpoints_meeting_contact')
    .on('touchpoints')
    .columns(['meeting_id', 'contact_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('contact_links')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('contact_id', 'varchar(32)', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('room_id', 'varchar(32)', (c) => c.notNull().references('rooms.id'))
    .addColumn('token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(32)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(32)', (c) => c.notNull())
    .execute();

  // The meeting participant's contact, when they came through a personal link.
  await db.schema
    .alterTable('meeting_participants')
    .addColumn('contact_id', 'varchar(32)')
    .execute();

  // The search index holds folded text (see shared/fold.ts), one document per contact or company.
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE VIRTUAL TABLE contact_search USING fts5(
      doc_kind UNINDEXED, doc_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
    // Erasing a contact must also take its words out of the index segments, not only mark them
    // deleted until the next merge (DSGVO erasure).
    await sql`INSERT INTO contact_search(contact_search, rank) VALUES ('secure-delete', 1)`.execute(
      db,
    );
  } else {
    await sql`CREATE TABLE contact_search (
      doc_kind varchar(10) NOT NULL,
      doc_id varchar(32) NOT NULL,
      body text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
      PRIMARY KEY (doc_kind, doc_id)
    )`.execute(db);
    await sql`CREATE INDEX contact_search_tsv ON contact_search USING gin (tsv)`.execute(db);
  }
}

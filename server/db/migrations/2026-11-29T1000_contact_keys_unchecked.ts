// Fewer foreign keys on the tables a big import writes (100,000 contacts with their e-mails,
// phones and tags). The database checked each one row by row, a locked read of the referenced
// row: on PostgreSQL about 2.5 s for the detail tables and 1.8 s for the contacts' owner and
// company, most of what such an import cost there; on SQLite 0.8 s for the detail tables.
// - contact_emails, contact_phones and contact_tags lose their key to contacts on both
//   dialects. The contact repository writes these rows only with their contact and deletes them
//   with it (`deleteContactRow`), as the cascade did.
// - On PostgreSQL, contacts lose their keys to users and companies. Nahbar deletes neither
//   users nor companies, and writes a contact's owner and company from the signed-in seller
//   and from companies it found or created in the same transaction. SQLite keeps these: it
//   cannot drop a constraint without rebuilding the table, and rebuilding contacts would take
//   the touchpoints and links that reference it along (their keys cascade).
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Each detail table: its columns after contact_id, its primary key and the column it is looked
// up by.
const DETAIL_TABLES = [
  {
    table: 'contact_emails',
    columns: 'position integer not null, email varchar(254) not null',
    key: 'contact_id, position',
    lookup: 'email',
  },
  {
    table: 'contact_phones',
    columns: 'position integer not null, e164 varchar(20) not null',
    key: 'contact_id, position',
    lookup: 'e164',
  },
  {
    table: 'contact_tags',
    columns: 'tag varchar(40) not null',
    key: 'contact_id, tag',
    lookup: 'tag',
  },
] as const;

/**
 * Rebuilds a SQLite detail table without its foreign key (SQLite cannot drop a constraint), with
 * its primary key and lookup index as before.
 */
async function rebuildWithoutForeignKey(
  db: Kysely<any>,
  { table, columns, key, lookup }: (typeof DETAIL_TABLES)[number],
): Promise<void> {
  const rebuilt = `${table}_rebuilt`;
  await sql`create table ${sql.table(rebuilt)} (contact_id varchar(32) not null, ${sql.raw(columns)},
    constraint ${sql.ref(`${table}_pk`)} primary key (${sql.raw(key)}))`.execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  await db.schema.createIndex(`${table}_${lookup}`).on(table).column(lookup).execute();
}

async function dropConstraint(db: Kysely<any>, table: string, constraint: string): Promise<void> {
  await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
}

/** Drops the foreign keys named above. */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const detail of DETAIL_TABLES) await rebuildWithoutForeignKey(db, detail);
    return;
  }
  for (const { table } of DETAIL_TABLES)
    await dropConstraint(db, table, `${table}_contact_id_fkey`);
  await dropConstraint(db, 'contacts', 'contacts_owner_id_fkey');
  await dropConstraint(db, 'contacts', 'contacts_company_id_fkey');
}

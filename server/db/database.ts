// The database: one Kysely instance typed by the tables every feature contributes,
// over SQLite (default) or PostgreSQL, chosen by config.
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Dialect, MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { InvitesTable, SessionsTable, UsersTable } from '../accounts/account.table.js';
import type { DatabaseConfig } from '../env.js';
import type {
  CompaniesTable,
  ContactEmailsTable,
  ContactLinksTable,
  ContactPhonesTable,
  ContactSearchTable,
  ContactsTable,
  ContactTagsTable,
  TagCadencesTable,
} from '../contacts/contact.table.js';
import type { AlarmRulesTable, AlarmsTable } from '../alarms/alarm.table.js';
import type {
  BookingRemindersTable,
  BookingSettingsTable,
  BookingsTable,
  MeetingTypesTable,
} from '../booking/booking.table.js';
import type {
  DeviceKeysTable,
  DevicesTable,
  MachinesTable,
  ReadingRollupsTable,
  ReadingsTable,
} from '../machines/machine.table.js';
import type { OutboxTable } from '../mail/outbox.table.js';
import type { MeetingParticipantsTable, MeetingsTable } from '../meetings/meeting.table.js';
import type { AuditLogTable } from '../privacy/audit.table.js';
import type { RoomsTable } from '../rooms/room.table.js';
import type { TouchpointsTable } from '../touchpoints/touchpoint.table.js';
import { migrations } from './migrations/index.js';
import type { SettingsTable } from './settings.table.js';
import { openSqlite } from './sqlite.js';

/** Every table, assembled from the per-feature table types. */
export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  rooms: RoomsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  contact_emails: ContactEmailsTable;
  contact_phones: ContactPhonesTable;
  contact_tags: ContactTagsTable;
  tag_cadences: TagCadencesTable;
  contact_links: ContactLinksTable;
  contact_search: ContactSearchTable;
  touchpoints: TouchpointsTable;
  audit_log: AuditLogTable;
  machines: MachinesTable;
  devices: DevicesTable;
  device_keys: DeviceKeysTable;
  readings: ReadingsTable;
  reading_rollups: ReadingRollupsTable;
  alarm_rules: AlarmRulesTable;
  alarms: AlarmsTable;
  booking_settings: BookingSettingsTable;
  meeting_types: MeetingTypesTable;
  bookings: BookingsTable;
  booking_reminders: BookingRemindersTable;
  outbox: OutboxTable;
}

/** The typed database handle; repositories take it (or a transaction) as their first argument. */
export type Db = Kysely<Database>;

// The better-sqlite3 handle under each SQLite Db, for hot paths that bypass Kysely.
const sqliteHandles = new WeakMap<Dialect, SQLite.Database>();
const sqliteHandlesOfDb = new WeakMap<Db, SQLite.Database>();

/** Builds the Kysely dialect for a database config. */
export function createDialect(config: DatabaseConfig): Dialect {
  if (config.dialect === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const dialect = new SqliteDialect({ database: sqlite });
    sqliteHandles.set(dialect, sqlite);
    return dialect;
  }
  // int8 (bigint) columns hold epoch milliseconds, which fit a JS number exactly.
  const int8: number = pg.types.builtins.INT8;
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === int8
        ? (v: string) => Number(v)
        : (pg.types.getTypeParser(oid, format) as (
            value: string,
          ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
  };
  // Nahbar's sessions plan for SSD storage (random_page_cost 1.1 instead of 4): with the default,
  // PostgreSQL reads the whole search table for a common word instead of its GIN index, and a
  // search over 100,000 contacts takes 25–38 ms instead of 2–4 ms. And they run without parallel
  // workers: Nahbar's queries are short, and starting workers cost 20–30 ms per query on a small
  // server, more than the queries themselves (docs/PERFORMANCE.md).
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    types,
    options: '-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0',
  });
  // An idle connection that PostgreSQL ends (a restart, an administrator, a dropped database)
  // is removed from the pool and replaced on the next query; without a listener its error
  // would crash the process. Errors of queries in flight still reach their callers.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/** Opens the database described by config. */
export function openDatabase(config: DatabaseConfig): Db {
  const dialect = createDialect(config);
  const db = new Kysely<Database>({ dialect });
  const handle = sqliteHandles.get(dialect);
  if (handle) sqliteHandlesOfDb.set(db, handle);
  return db;
}

/**
 * The better-sqlite3 handle of a Db opened by `openDatabase` on SQLite (undefined otherwise).
 * Trap: it is the one connection Kysely also uses; run statements on it only inside
 * `db.connection().execute(…)`, which holds Kysely's connection lock, or they land in whatever
 * Kysely transaction is open at that moment.
 */
export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return sqliteHandlesOfDb.get(db);
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return migrated(await migratorOf(db).migrateToLatest());
}

/** Runs the migrations after the ones a database has, up to and with `name` (for tests). */
export async function migrateUpTo(db: Db, name: string): Promise<MigrationResultSet> {
  return migrated(await migratorOf(db).migrateTo(name));
}

function migratorOf(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

function migrated(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    throw result.error instanceof Error
      ? result.error
      : new Error('Migration failed', { cause: result.error });
  }
  return result;
}

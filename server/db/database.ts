// The database: one Kysely instance typed by the tables every feature contributes,
// over SQLite (default) or PostgreSQL, chosen by config.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
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
  DeviceKeysTable,
  DevicesTable,
  MachinesTable,
  ReadingRollupsTable,
  ReadingsTable,
} from '../machines/machine.table.js';
import type { MeetingParticipantsTable, MeetingsTable } from '../meetings/meeting.table.js';
import type { AuditLogTable } from '../privacy/audit.table.js';
import type { RoomsTable } from '../rooms/room.table.js';
import type { TouchpointsTable } from '../touchpoints/touchpoint.table.js';
import { migrations } from './migrations/index.js';
import type { SettingsTable } from './settings.table.js';

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
}

/** The typed database handle; repositories take it (or a transaction) as their first argument. */
export type Db = Kysely<Database>;

/** Builds the Kysely dialect for a database config; SQLite files get WAL and foreign keys. */
export function createDialect(config: DatabaseConfig): Dialect {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new SqliteDialect({ database: sqlite });
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
  const pool = new pg.Pool({ connectionString: config.url, max: 10, types });
  // An idle connection that PostgreSQL ends (a restart, an administrator, a dropped database)
  // is removed from the pool and replaced on the next query; without a listener its error
  // would crash the process. Errors of queries in flight still reach their callers.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/** Opens the database described by config. */
export function openDatabase(config: DatabaseConfig): Db {
  return new Kysely<Database>({ dialect: createDialect(config) });
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error instanceof Error
      ? result.error
      : new Error('Migration failed', { cause: result.error });
  }
  return result;
}

// Live machine data: machines of customers' companies, their devices (sensors) with hashed tokens
// and per-key metadata, raw readings and per-minute rollups (WITHOUT ROWID on SQLite), alarm rules
// with their persisted state, and alarms (at most one open per rule).
// Frozen: never edit a migration that has shipped; add a new one instead.
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/** Creates the machine data tables. */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const withoutRowid = sqlite ? sql`without rowid` : sql``;

  await db.schema
    .createTable('machines')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('owner_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull().references('companies.id'))
    /** The customer contact whose Today entry this machine's alarms raise. */
    .addColumn('contact_id', 'varchar(32)', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('machines_owner').on('machines').column('owner_id').execute();
  await db.schema.createIndex('machines_company').on('machines').column('company_id').execute();
  await db.schema.createIndex('machines_contact').on('machines').column('contact_id').execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('machine_id', 'varchar(32)', (c) =>
      c.notNull().references('machines.id').onDelete('cascade'),
    )
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    /** SHA-256 (hex) of the device token; null once the token is revoked. */
    .addColumn('token_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('expected_interval_seconds', 'integer', (c) => c.notNull())
    /** Device time of the newest stored reading. */
    .addColumn('last_seen_at', 'bigint')
    .addColumn('rejected_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('token_changed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_machine').on('devices').column('machine_id').execute();

  await db.schema
    .createTable('device_keys')
    .addColumn('device_id', 'varchar(32)', (c) =>
      c.notNull().references('devices.id').onDelete('cascade'),
    )
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(120)')
    .addColumn('unit', 'varchar(32)')
    .addColumn('meaning', 'varchar(200)')
    .addPrimaryKeyConstraint('device_keys_pk', ['device_id', 'key'])
    .execute();

  // No foreign keys on the time series: they are written in large batches and deleted by
  // retention; the device service deletes a device's series itself.
  await db.schema
    .createTable('readings')
    .addColumn('device_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    /** Device time (clamped to the server time when it lies in the future). */
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('readings_pk', ['device_id', 'key', 'ts'])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('reading_rollups')
    .addColumn('device_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    /** Start of the minute, epoch ms. */
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('min', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('reading_rollups_pk', ['device_id', 'key', 'minute'])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('alarm_rules')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(32)', (c) =>
      c.notNull().references('devices.id').onDelete('cascade'),
    )
    /** above | below | offline */
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)')
    .addColumn('threshold', 'double precision')
    .addColumn('hysteresis', 'double precision')
    .addColumn('min_duration_seconds', 'integer')
    .addColumn('intervals', 'integer')
    /** The rule's evaluation state as JSON, so that it survives a restart. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alarm_rules_device').on('alarm_rules').column('device_id').execute();

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('rule_id', 'varchar(32)', (c) =>
      c.notNull().references('alarm_rules.id').onDelete('cascade'),
    )
    .addColumn('machine_id', 'varchar(32)', (c) =>
      c.notNull().references('machines.id').onDelete('cascade'),
    )
    .addColumn('device_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)')
    .addColumn('value', 'double precision')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  // One open alarm per rule, enforced by the database.
  await db.schema
    .createIndex('alarms_one_open_per_rule')
    .on('alarms')
    .column('rule_id')
    .unique()
    .where(sql.ref('closed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('alarms_machine_opened')
    .on('alarms')
    .columns(['machine_id', 'opened_at'])
    .execute();
}

/** Drops the machine data tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'alarms',
    'alarm_rules',
    'reading_rollups',
    'readings',
    'device_keys',
    'devices',
    'machines',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

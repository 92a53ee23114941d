// Initial schema: accounts, sessions, invites, settings, rooms and meeting records.
// Frozen: never edit a migration that has shipped; add a new one instead.
import type { Kysely } from 'kysely';

/** Creates the first tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(254)')
    .addColumn('created_by', 'varchar(32)', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_user_id', 'varchar(32)', (c) =>
      c.references('users.id').onDelete('set null'),
    )
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('owner_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('handle', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('personal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .execute();
  await db.schema.createIndex('rooms_owner_id').on('rooms').column('owner_id').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('room_id', 'varchar(32)', (c) => c.notNull().references('rooms.id'))
    .addColumn('host_user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('duration_ms', 'bigint')
    .execute();
  await db.schema.createIndex('meetings_room_id').on('meetings').column('room_id').execute();

  await db.schema
    .createTable('meeting_participants')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('meeting_id', 'varchar(32)', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('peer_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(32)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('meeting_participants_meeting_id')
    .on('meeting_participants')
    .column('meeting_id')
    .execute();
}

/** Drops everything the migration created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'meeting_participants',
    'meetings',
    'rooms',
    'invites',
    'sessions',
    'users',
    'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

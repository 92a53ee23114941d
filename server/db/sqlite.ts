// The settings of every connection to a SQLite database file: the one Kysely uses and the
// telemetry writer thread's own. Kept apart from database.ts so that a worker can open a
// connection without loading Kysely and the table types.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/** Opens a SQLite database with the settings every connection to it uses (WAL, foreign keys). */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of 2 MiB: a telemetry batch dirties a page per series, and a
  // smaller cache spills them mid-transaction (half the write rate at 1,000 devices).
  sqlite.pragma('cache_size = -65536');
  // Checkpoint every 10,000 WAL pages (40 MiB) instead of 1,000: a page that several telemetry
  // batches changed is copied into the database once (about 1.2 times the write rate).
  sqlite.pragma('wal_autocheckpoint = 10000');
  return sqlite;
}

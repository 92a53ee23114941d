// Real databases for data-layer tests: a fresh SQLite database in memory, or a fresh PostgreSQL
// database created for the test and dropped after it. Tests loop over both dialects. Code that
// works differently on a SQLite file (telemetry writes it from a thread of their own) is also
// tested on a fresh file in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../env.js';
import { migrateToLatest, migrateUpTo, openDatabase } from '../db/database.js';
import type { Db } from '../db/database.js';
import { newId } from '../lib/random.js';
import { testEnv } from './test-env.js';

/** A migrated, empty database and the function that disposes of it. */
export interface TestDatabase {
  db: Db;
  config: DatabaseConfig;
  destroy(): Promise<void>;
}

/** The dialects every data-layer test runs on. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
/** Those and a SQLite database file, for code that works differently on one. */
export const DIALECTS_WITH_FILE = [...DIALECTS, 'sqlite-file'] as const;
/** One of the tested dialects. */
export type TestDialect = (typeof DIALECTS_WITH_FILE)[number];

/**
 * Creates a migrated, empty database of the given dialect: migrated to the latest migration, or
 * only up to `upTo` (the name of a migration) for a test of the migrations after it.
 */
export async function createTestDatabase(
  dialect: TestDialect,
  upTo?: string,
): Promise<TestDatabase> {
  if (dialect === 'sqlite') return migrated({ dialect: 'sqlite', file: ':memory:' }, upTo);
  if (dialect === 'sqlite-file') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-test-db-'));
    return migrated({ dialect: 'sqlite', file: path.join(dir, 'nahbar.db') }, upTo, () =>
      fs.rmSync(dir, { recursive: true, force: true }),
    );
  }
  const name = `nahbar_test_${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(testEnv.NAHBAR_TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return migrated({ dialect: 'postgres', url: url.toString() }, upTo, () =>
    adminQuery(`drop database if exists ${name} with (force)`),
  );
}

// Opens and migrates the database of `config`; `dispose` runs once it is closed.
async function migrated(
  config: DatabaseConfig,
  upTo: string | undefined,
  dispose: () => unknown = () => undefined,
): Promise<TestDatabase> {
  const db = openDatabase(config);
  if (upTo) await migrateUpTo(db, upTo);
  else await migrateToLatest(db);
  return {
    db,
    config,
    async destroy() {
      await db.destroy();
      await dispose();
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testEnv.NAHBAR_TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

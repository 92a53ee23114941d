// Membership in a long list of ids, written the way each dialect handles best: PostgreSQL plans
// `= any($1)` with one array parameter far faster than `in ($1, …, $3000)`; SQLite has no arrays.
import { sql, SqliteAdapter } from 'kysely';
import type { Db } from './database.js';

/** Whether the database is SQLite (else PostgreSQL). */
export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Most ids per statement: SQLite binds at most 32,766 values in one. */
export const MAX_IDS_PER_STATEMENT = 5_000;

/** `items` in slices of at most `MAX_IDS_PER_STATEMENT`, one statement's worth each. */
export function idSlices<T>(items: readonly T[]): T[][] {
  const slices: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_IDS_PER_STATEMENT) {
    slices.push(items.slice(i, i + MAX_IDS_PER_STATEMENT));
  }
  return slices;
}

/** `column` is one of `ids` (at most `MAX_IDS_PER_STATEMENT` on SQLite). */
export function idIn(db: Db, column: string, ids: readonly string[]) {
  if (ids.length === 0) return sql<boolean>`1 = 0`;
  return isSqlite(db)
    ? sql<boolean>`${sql.ref(column)} in (${sql.join(ids)})`
    : sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;
}

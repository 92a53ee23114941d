// Membership in a long list of ids, written the way each dialect handles best: PostgreSQL plans
// `= any($1)` with one array parameter far faster than `in ($1, …, $3000)`; SQLite has no arrays.
import { sql, SqliteAdapter } from 'kysely';
import type { Db } from './database.js';

/** Whether the database is SQLite (else PostgreSQL). */
export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** `column` is one of `ids` (at most 5,000 on SQLite, whose statements bind ≤ 32,766 values). */
export function idIn(db: Db, column: string, ids: readonly string[]) {
  if (ids.length === 0) return sql<boolean>`1 = 0`;
  return isSqlite(db)
    ? sql<boolean>`${sql.ref(column)} in (${sql.join(ids)})`
    : sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;
}

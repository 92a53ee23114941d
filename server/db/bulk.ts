// Bulk inserts for large imports. Kysely compiles one multi-row INSERT per chunk, which costs
// more than the database's own work at 100,000 rows; instead SQLite runs one prepared statement
// per row on its connection, and PostgreSQL inserts a chunk from one JSON parameter
// (json_populate_recordset), so the statement text stays small and is planned once per chunk.
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Database, Db } from './database.js';
import { sqliteHandleOf } from './database.js';

/** Rows per PostgreSQL statement. */
const PG_CHUNK = 5_000;

/** Writes rows into tables of one database, inside the caller's transaction. */
export interface BulkWriter {
  /** Inserts rows (all with the same keys) into a table. */
  insert<T extends keyof Database>(
    table: T,
    rows: readonly Insertable<Database[T]>[],
  ): Promise<void>;
}

/**
 * A bulk writer for `trx`, a transaction of `root`. On SQLite the statements run on the one
 * connection that the open transaction holds, so they are part of it.
 */
export function bulkWriter(root: Db, trx: Db): BulkWriter {
  const handle = sqliteHandleOf(root);
  return handle ? sqliteWriter(handle) : postgresWriter(trx);
}

function columnsOf(rows: readonly object[]): string[] {
  const first = rows[0];
  return first ? Object.keys(first) : [];
}

function sqliteWriter(handle: SQLite.Database): BulkWriter {
  const statements = new Map<string, SQLite.Statement>();
  return {
    async insert(table, rows) {
      const columns = columnsOf(rows);
      if (columns.length === 0) return;
      const key = `${table}(${columns.join(',')})`;
      let statement = statements.get(key);
      if (!statement) {
        statement = handle.prepare(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns
            .map(() => '?')
            .join(', ')})`,
        );
        statements.set(key, statement);
      }
      // Positional parameters bind faster than named ones.
      const values = new Array<unknown>(columns.length);
      for (const row of rows) {
        const record = row as Record<string, unknown>;
        for (let i = 0; i < columns.length; i++) values[i] = record[columns[i]!];
        statement.run(values);
      }
      return Promise.resolve();
    },
  };
}

function postgresWriter(trx: Db): BulkWriter {
  return {
    async insert(table, rows) {
      const columns = columnsOf(rows);
      if (columns.length === 0) return;
      const list = sql.join(columns.map((c) => sql.ref(c)));
      for (let i = 0; i < rows.length; i += PG_CHUNK) {
        const chunk = JSON.stringify(rows.slice(i, i + PG_CHUNK));
        await sql`insert into ${sql.table(table)} (${list})
          select ${list} from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(
          trx,
        );
      }
    },
  };
}

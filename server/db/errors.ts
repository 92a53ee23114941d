// Recognises database errors that callers turn into named errors, on both dialects.

/** True when the error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  // better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY); pg reports SQLSTATE 23505.
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * True when the database refused a row because it overlaps another: a PostgreSQL exclusion
 * constraint (SQLSTATE 23P01) of this name, or a SQLite trigger that raised this name as its
 * message (`raise(abort, '<name>')`).
 */
export function isOverlapViolation(err: unknown, name: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, constraint, message } = err as {
    code?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  if (code === '23P01') return constraint === name;
  return code === 'SQLITE_CONSTRAINT_TRIGGER' && message === name;
}

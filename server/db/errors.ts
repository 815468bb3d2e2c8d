// Recognising database errors that mean something to a caller, on either dialect.

/** A UNIQUE or PRIMARY KEY constraint refused the write (better-sqlite3's codes, or SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * PostgreSQL chose this transaction as a deadlock's victim (40P01) or could not serialize it
 * (40001): it did nothing, and the same work tried again in a new transaction can succeed.
 */
export function isRetryableConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '40P01' || code === '40001';
}

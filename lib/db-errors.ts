/**
 * Recognises a unique-constraint violation however Prisma reports it: P2002 from the query API,
 * or P2010 (raw query) carrying the driver adapter's cause. Returns the constraint/index name.
 */
export function uniqueViolation(error: unknown): { constraint: string } | null {
  const e = error as { code?: string; meta?: Record<string, unknown> } | null;
  if (!e || (e.code !== 'P2002' && e.code !== 'P2010')) return null;
  const cause = (e.meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause;
  if (e.code === 'P2010' && cause?.originalCode !== '23505') return null;
  const constraint = cause?.constraint as { index?: string; fields?: string[] } | undefined;
  const name = constraint?.index ?? constraint?.fields?.join(',') ?? JSON.stringify(e.meta?.target ?? e.meta ?? '');
  return { constraint: String(name) };
}

/**
 * True when PostgreSQL itself refused a raw statement (the error carries a SQLSTATE): the statement's
 * transaction was rolled back and nothing of it was stored. False for anything else — a dropped
 * connection, a timeout — where the outcome is unknown.
 */
export function refusedByDatabase(error: unknown): boolean {
  const e = error as { code?: string; meta?: Record<string, unknown> } | null;
  if (!e || e.code !== 'P2010') return false;
  const cause = (e.meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause;
  return typeof cause?.originalCode === 'string' && /^[0-9A-Z]{5}$/.test(cause.originalCode);
}

/**
 * The class (first two characters) of the SQLSTATE of an error Postgres raised: `22` data
 * exception, `23` integrity constraint violation, `40` transaction rollback … TypeORM's
 * QueryFailedError carries the driver's `code` too. Undefined for any other error.
 */
export function sqlStateClassOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code.slice(0, 2) : undefined;
}

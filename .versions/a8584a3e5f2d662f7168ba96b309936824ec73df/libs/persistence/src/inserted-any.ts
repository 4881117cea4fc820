import type { InsertResult } from 'typeorm';

/** Whether an INSERT … ON CONFLICT DO NOTHING stored a row: Postgres returns the inserted rows, a conflict returns none. */
export function insertedAny(result: InsertResult): boolean {
  return Array.isArray(result.raw) && result.raw.length > 0;
}

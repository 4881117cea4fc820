import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Postgres accepts at most 65,535 bind parameters per statement; 1,000 rows of up to 60 columns stay below. */
const ROWS_PER_STATEMENT = 1_000;

/** Rows in slices small enough for one statement each. */
export function* statementChunks<Row>(rows: readonly Row[]): Generator<Row[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}

/**
 * Inserts many rows in statements small enough for Postgres, inside the caller's transaction.
 * With `onConflict: 'ignore'`, rows whose key already exists are left as they are.
 */
export async function insertInChunks<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity>[],
  { onConflict }: { onConflict?: 'ignore' } = {},
): Promise<void> {
  for (const chunk of statementChunks(rows)) {
    const insert = manager.createQueryBuilder().insert().into(target).values(chunk);
    await (onConflict === 'ignore' ? insert.orIgnore() : insert).execute();
  }
}

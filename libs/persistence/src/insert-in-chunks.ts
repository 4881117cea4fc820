import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Postgres accepts at most 65,535 bind parameters per statement; 1,000 rows of up to 60 columns stay below. */
const ROWS_PER_STATEMENT = 1_000;

/** Inserts many rows in statements small enough for Postgres, inside the caller's transaction. */
export async function insertInChunks<Entity extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<Entity>, rows: QueryDeepPartialEntity<Entity>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await manager.insert(target, rows.slice(start, start + ROWS_PER_STATEMENT));
  }
}

import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Postgres accepts at most 65,535 bind parameters per statement; 1,000 rows of up to 60 columns stay below. */
const ROWS_PER_STATEMENT = 1_000;

/** Rows sent as one JSON parameter per statement: a few MiB at most, however wide the rows. */
const ROWS_PER_RECORDSET = 20_000;

/** Rows in slices small enough for one statement each. */
export function* statementChunks<Row>(rows: readonly Row[], size = ROWS_PER_STATEMENT): Generator<Row[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * Inserts many rows inside the caller's transaction. With `onConflict: 'ignore'`, rows whose key
 * already exists are left as they are.
 *
 * The rows go to Postgres as one JSON document per statement, expanded by `jsonb_to_recordset`:
 * one bind parameter instead of one per cell, so building and sending 10,000 indicators takes
 * milliseconds rather than the seconds TypeORM's insert builder spends on 170,000 parameters.
 * A column no row sets is left to its default, as the builder would. Rows that set different
 * columns, or an entity with column types this does not spell out (enums, transformers), take
 * the builder's way (so does a number JSON cannot hold).
 */
export async function insertInChunks<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity>[],
  { onConflict }: { onConflict?: 'ignore' } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const recordset = recordsetInsert(manager, target, rows);
  if (recordset) {
    for (const chunk of statementChunks(rows, ROWS_PER_RECORDSET))
      await manager.query(`${recordset.sql}${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`, [
        JSON.stringify(chunk.map(recordset.record)),
      ]);
    return;
  }
  for (const chunk of statementChunks(rows)) {
    const insert = manager.createQueryBuilder().insert().into(target).values(chunk);
    await (onConflict === 'ignore' ? insert.orIgnore() : insert).execute();
  }
}

type ColumnMetadata = ReturnType<EntityManager['connection']['getMetadata']>['columns'][number];

/** SQL types `jsonb_to_recordset` is given as they are. */
const PLAIN_TYPES = new Set([
  'text',
  'varchar',
  'character varying',
  'integer',
  'int',
  'bigint',
  'smallint',
  'double precision',
  'real',
  'numeric',
  'boolean',
  'jsonb',
  'json',
  'uuid',
  'timestamptz',
  'timestamp with time zone',
  'date',
]);

/** The recordset statement for these rows, or null when the builder must insert them. */
function recordsetInsert<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity>[],
): { sql: string; record: (row: QueryDeepPartialEntity<Entity>) => Record<string, unknown> } | null {
  const metadata = manager.connection.getMetadata(target);
  const set = (row: QueryDeepPartialEntity<Entity>, column: ColumnMetadata) =>
    (row as Record<string, unknown>)[column.propertyName] !== undefined;
  const columns = metadata.columns.filter((column) => set(rows[0]!, column));
  if (columns.length === 0) return null;
  const same = rows.every((row) =>
    metadata.columns.every((column) => {
      if (set(row, column) !== columns.includes(column)) return false;
      // JSON has no NaN or Infinity; the builder writes them as Postgres does.
      const value = (row as Record<string, unknown>)[column.propertyName];
      return typeof value !== 'number' || Number.isFinite(value);
    }),
  );
  const plain = columns.every(
    (column) =>
      !column.transformer &&
      !column.relationMetadata &&
      typeof column.type === 'string' &&
      PLAIN_TYPES.has(column.type) &&
      (!column.isArray || column.type !== 'jsonb'),
  );
  if (!same || !plain) return null;
  const name = (column: ColumnMetadata) => `"${column.databaseName.replace(/"/g, '""')}"`;
  const names = columns.map(name).join(', ');
  const types = columns.map((column) => `${name(column)} ${String(column.type)}${column.isArray ? '[]' : ''}`);
  const table = metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
  return {
    sql: `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS t(${types.join(', ')})`,
    record: (row) =>
      Object.fromEntries(
        columns.map((column) => [column.databaseName, (row as Record<string, unknown>)[column.propertyName]]),
      ),
  };
}

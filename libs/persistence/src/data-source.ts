import { DataSource, type DataSourceOptions } from 'typeorm';
import * as entities from './entities';
import { MIGRATIONS } from './migrations';

/** Every entity exported from ./entities; a new table needs only its export line there. */
export const ENTITIES = Object.values(entities);

const CONNECT_TIMEOUT_MS = 5_000;

/** TypeORM options for Jiebang's schema. The schema comes from migrations only, never `synchronize`. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    // While Postgres is down or restarting a request fails after this long (the API answers 503) instead of waiting.
    extra: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  };
}

/** Arbitrary but fixed: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_263_001;

/** Connects and brings the schema up to date; the API and the worker may both start at once. */
export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  await runMigrationsExclusively(dataSource);
  return dataSource;
}

async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

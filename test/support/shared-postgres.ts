import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@jiebang/devstack/embedded-postgres';
import { freePort } from '@jiebang/devstack/free-port';
import { openDatabase } from '@jiebang/persistence/data-source';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The project's one Postgres: each suite gets a database of its own cloned from `template` (see stack.ts). */
    sharedPostgres: SharedPostgres;
  }
}

export interface SharedPostgres {
  /** `postgres://` URL of the cluster's `postgres` database, from which suites create theirs. */
  adminUrl: string;
  /** A database with every migration applied, which no one connects to: `CREATE DATABASE x TEMPLATE` copies it. */
  template: string;
}

const TEMPLATE = 'jiebang_template';

/**
 * Global setup of the projects whose suites need Postgres: one throwaway cluster for the project's
 * run and a migrated template database in it, instead of a cluster (initdb, start, migrations)
 * per suite. Copying the template is a file copy, a fraction of a second.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'jiebang-shared-pg-'));
  const postgres = await startEmbeddedPostgres({
    dataDir: join(folder, 'pg'),
    port: await freePort(),
    persistent: false,
    database: TEMPLATE,
  });
  const stop = async () => {
    await postgres.stop();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const migrated = await openDatabase(postgres.url);
    await migrated.destroy();
  } catch (error) {
    await stop();
    throw error;
  }
  const adminUrl = new URL(postgres.url);
  adminUrl.pathname = '/postgres';
  project.provide('sharedPostgres', { adminUrl: adminUrl.toString(), template: TEMPLATE });
  return stop;
}

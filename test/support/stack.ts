import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { inject } from 'vitest';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { startEmbeddedPostgres, type RunningPostgres } from '@jiebang/devstack/embedded-postgres';
import { freePort } from '@jiebang/devstack/free-port';
import { resolveTemporalCli } from '@jiebang/devstack/temporal-cli';
import { recordHistories } from './history-recorder';
import type { SharedPostgres } from './shared-postgres';

/** A real Temporal dev server and a real Postgres for one suite. */
export interface TestStack {
  /** The SDK's environment on the dev server (client, native connection for workers). */
  env: TestWorkflowEnvironment;
  /** `host:port` of the dev server. */
  temporalAddress: string;
  /** `postgres://` URL of the suite's database: migrated on the project's shared Postgres, else an empty `jiebang`. */
  databaseUrl: string;
  /** The folder holding the suite's Postgres cluster; removed by `stop()`. */
  tempDir: string;
  /** Stops both servers and removes the folder; safe to call twice. */
  stop(): Promise<void>;
}

const SDK_TYPES = {
  Text: SearchAttributeType.TEXT,
  Keyword: SearchAttributeType.KEYWORD,
  Int: SearchAttributeType.INT,
  Double: SearchAttributeType.DOUBLE,
  Bool: SearchAttributeType.BOOL,
  Datetime: SearchAttributeType.DATETIME,
  KeywordList: SearchAttributeType.KEYWORD_LIST,
} as const;

export interface TestStackOptions {
  /**
   * Start a Postgres of the suite's own even when the project shares one (the stack's own test
   * checks what stopping it leaves behind).
   */
  ownPostgres?: boolean;
  /** Serve the dev server's Prometheus metrics on this loopback port (the benchmarks count Queries there). */
  temporalMetricsPort?: number;
}

/**
 * Starts, side by side, a Temporal dev server (in memory, random port, our search attributes
 * registered) and a database: on the project's shared Postgres a database of the suite's own,
 * copied from the migrated template (shared-postgres.ts), when the project has one; otherwise an
 * embedded Postgres in a fresh temp folder on a free port.
 */
export async function startTestStack({
  ownPostgres = false,
  temporalMetricsPort,
}: TestStackOptions = {}): Promise<TestStack> {
  const cli = inject('temporalCli') ?? (await resolveTemporalCli());
  const shared = ownPostgres ? undefined : inject('sharedPostgres');
  const tempDir = await mkdtemp(join(tmpdir(), 'jiebang-test-'));
  const [temporal, postgres] = await Promise.allSettled([
    startTemporal(cli, temporalMetricsPort),
    shared ? createDatabase(shared) : startPostgres(tempDir),
  ]);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      const recordInto = process.env.JIEBANG_RECORD_HISTORIES;
      if (recordInto && temporal.status === 'fulfilled') await recordHistories(temporal.value.client, recordInto);
      const results = await Promise.allSettled([
        temporal.status === 'fulfilled' ? temporal.value.teardown() : undefined,
        postgres.status === 'fulfilled' ? postgres.value.stop() : undefined,
      ]);
      await rm(tempDir, { recursive: true, force: true });
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    })();
    return stopped;
  };

  if (temporal.status === 'rejected' || postgres.status === 'rejected') {
    await stop().catch(() => undefined);
    throw temporal.status === 'rejected' ? temporal.reason : (postgres as PromiseRejectedResult).reason;
  }
  return {
    env: temporal.value,
    temporalAddress: temporal.value.address,
    databaseUrl: postgres.value.url,
    tempDir,
    stop,
  };
}

/** A Temporal dev server alone (in memory, random port, our search attributes registered). */
export function startTemporal(cli: string, metricsPort?: number): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      ip: '127.0.0.1',
      namespace: 'default',
      searchAttributes: SEARCH_ATTRIBUTES.map(({ name, type }) => defineSearchAttributeKey(name, SDK_TYPES[type])),
      log: { format: 'pretty', level: 'warn' },
      ...(metricsPort ? { extraArgs: ['--metrics-port', String(metricsPort)] } : {}),
    },
  });
}

/** A suite's database: its URL, and how to be done with it. */
export type SuiteDatabase = Pick<RunningPostgres, 'url' | 'stop'>;

/**
 * A database for a suite that needs Postgres without the rest of the stack: a migrated copy of the
 * template on the project's shared Postgres, or else an empty `jiebang` database on a Postgres of
 * its own (in a temp folder removed by `stop()`).
 */
export async function startSuiteDatabase(): Promise<SuiteDatabase> {
  const shared = inject('sharedPostgres');
  if (shared) return createDatabase(shared);
  const tempDir = await mkdtemp(join(tmpdir(), 'jiebang-db-'));
  try {
    const postgres = await startPostgres(tempDir);
    return {
      url: postgres.url,
      stop: async () => {
        await postgres.stop();
        await rm(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

let databases = 0;

/** A database of the suite's own on the project's shared Postgres, copied from its migrated template. */
async function createDatabase({ adminUrl, template }: SharedPostgres): Promise<SuiteDatabase> {
  const name = `suite_${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`;
  await asAdmin(adminUrl, (admin) =>
    admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a suite may leave a connection open (a worker still shutting down); the database goes regardless.
    stop: () =>
      asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`)),
  };
}

async function asAdmin(adminUrl: string, work: (admin: PgClient) => Promise<unknown>): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

async function startPostgres(tempDir: string): Promise<RunningPostgres> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbeddedPostgres({ dataDir: join(tempDir, 'pg'), port: await freePort(), persistent: false });
    } catch (error) {
      // Another process may take the free port before Postgres binds it.
      if (attempt === 3 || !String(error).includes('could not bind')) throw error;
    }
  }
}

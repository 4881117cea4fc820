import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '@jiebang/config';
import { httpClient, startApi, startWorker, testConfig, type ActorHeaders } from './jiebang';
import { startTestStack, type TestStack } from './stack';

/** Everything an integration suite talks to: the real stack, the API over HTTP, Postgres and Temporal. */
export interface JiebangSuite {
  stack: TestStack;
  config: AppConfig;
  api: INestApplication;
  baseUrl: string;
  call: ReturnType<typeof httpClient>;
  db: PgClient;
  temporal: Client;
  /** The in-process worker; a suite may close it and run its own (e.g. a process it can kill). */
  worker: INestApplicationContext | null;
  stop(): Promise<void>;
}

/** Starts a dev server, Postgres, a worker on `taskQueue` and the API, and connects a client to each. */
export async function startJiebangSuite(taskQueue: string, { inProcessWorker = true } = {}): Promise<JiebangSuite> {
  const stack = await startTestStack();
  const config = testConfig(stack, taskQueue);
  const worker = inProcessWorker ? await startWorker(config) : null;
  const { app: api, baseUrl } = await startApi(config);
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  const temporal = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const suite: JiebangSuite = {
    stack,
    config,
    api,
    baseUrl,
    call: httpClient(baseUrl),
    db,
    temporal,
    worker,
    async stop() {
      await temporal.connection.close();
      await db.end();
      await api.close();
      await suite.worker?.close();
      await stack.stop();
    },
  };
  return suite;
}

/** The people of the tests, one per role; unit roles for a given unit. */
export const ACTORS = {
  admin: { user: 'admin-1', roles: ['ADMIN'] },
  assessor: { user: 'assessor-1', roles: ['ASSESSOR'] },
  orgDept: { user: 'org-1', roles: ['ORG_DEPT'] },
  discipline: { user: 'discipline-1', roles: ['DISCIPLINE'] },
  leadership: { user: 'leader-1', roles: ['LEADERSHIP'] },
  headOf: (unit: string): ActorHeaders => ({ user: `head-${unit}`, roles: ['UNIT_HEAD'], unit }),
  reporterOf: (unit: string): ActorHeaders => ({ user: `reporter-${unit}`, roles: ['UNIT_REPORTER'], unit }),
};

import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '../../libs/config/src';
import { crash, httpClient, spawnWorkerProcess, startApi, testConfig } from '../../test/support/jiebang';
import { warnIfWorkerStale } from './build';
import type { Progress } from './progress';
import { startTestStack, type TestStack } from './stack';

/** Jiebang on one dev server and one Postgres: the worker as its own process, the API in this one. */
export interface BenchSystem {
  stack: TestStack;
  config: AppConfig;
  /** The client of the dev server (the benchmark's own queries, signals and Updates). */
  client: Client;
  worker: ChildProcess;
  /** Warning and error lines the worker wrote, the last few kept for the report. */
  workerTrouble: { count: number; last: string[] };
  api: INestApplication;
  call: ReturnType<typeof httpClient>;
  db: PgClient;
  /** Stops the API, the worker and the stack; safe to call twice, never throws. */
  stop(): Promise<void>;
}

const WORKER_STOP_GRACE_MS = 10_000;

/** Starts everything, stopping what did start if a later step fails; Ctrl-C stops it too. */
export async function startBenchSystem(progress: Progress, taskQueue: string): Promise<BenchSystem> {
  const parts: Partial<BenchSystem> = {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      progress.say('stopping API, worker and stack…');
      await parts.db?.end().catch(() => undefined);
      await parts.api?.close().catch(() => undefined);
      if (parts.worker) await stopWorker(parts.worker);
      await parts.stack?.stop().catch((error: unknown) => progress.say(`stack did not stop cleanly: ${String(error)}`));
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    })());
  const interrupted = () => {
    progress.say('interrupted');
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    progress.say('starting Temporal dev server + embedded Postgres…');
    parts.stack = await startTestStack();
    parts.client = parts.stack.env.client;
    parts.config = testConfig(parts.stack, taskQueue);
    warnIfWorkerStale((line) => progress.say(line));
    progress.say('starting the Jiebang worker as its own process (dist/apps/worker)…');
    parts.worker = await spawnWorkerProcess(parts.config);
    parts.workerTrouble = watchTrouble(parts.worker);
    progress.say(`worker pid ${parts.worker.pid}; starting the API…`);
    const api = await startApi(parts.config);
    parts.api = api.app;
    parts.call = httpClient(api.baseUrl);
    parts.db = new PgClient({ connectionString: parts.stack.databaseUrl });
    await parts.db.connect();
    return { ...(parts as Omit<BenchSystem, 'stop'>), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM lets the worker drain; one that has not exited after the grace period is killed. */
async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((done) => worker.once('exit', done));
  worker.kill('SIGTERM');
  const timer = setTimeout(() => void crash(worker), WORKER_STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function watchTrouble(worker: ChildProcess): BenchSystem['workerTrouble'] {
  const trouble = { count: 0, last: [] as string[] };
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!/\b(WARN|ERROR|FATAL)\b/i.test(line)) continue;
      trouble.count += 1;
      trouble.last = [...trouble.last.slice(-4), line.slice(0, 300)];
    }
  };
  worker.stdout?.on('data', onData);
  worker.stderr?.on('data', onData);
  return trouble;
}

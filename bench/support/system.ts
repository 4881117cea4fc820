import type { Client } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '@jiebang/config';
import { freePort } from '@jiebang/devstack/free-port';
import { crash, httpClient, spawnWorkerProcess, testConfig, type ActorHeaders } from '../../test/support/jiebang';
import { warnIfWorkerStale } from './build';
import { findPids } from './process-cpu';
import { waitFor, type Progress } from './progress';
import { startTestStack, type TestStack } from './stack';

/**
 * Jiebang as it is deployed, on one dev server and one Postgres: the built worker and the built
 * API each in their own process (the API from dist/ too: under tsx, Nest would lack the
 * decorator metadata tsc emits), the benchmark a client of both.
 */
export interface BenchSystem {
  stack: TestStack;
  config: AppConfig;
  /** The client of the dev server (the benchmark's own queries, signals and Updates). */
  client: Client;
  worker: ChildProcess;
  /** Warning and error lines the worker wrote, the last few kept for the report. */
  workerTrouble: { count: number; last: string[] };
  api: ChildProcess;
  /** Error lines the API wrote (the cause of a 500 is only in its log). */
  apiErrors: string[];
  call: ReturnType<typeof httpClient>;
  /** `http://127.0.0.1:<port>` of the API. */
  baseUrl: string;
  /** The assessor the benchmarks act as over HTTP. */
  assessor: ActorHeaders;
  db: PgClient;
  /** Prometheus endpoints: the worker's (Temporal Core: cache hits and misses) and the dev server's (Queries). */
  metricsUrls: { worker: string; temporal: string };
  /** The pids of the processes a benchmark runs on, by role, for CPU accounting. */
  processes: Record<'temporal' | 'postgres' | 'worker' | 'api' | 'benchmark', number | undefined>;
  /** Stops the API, the worker and the stack; safe to call twice, never throws. */
  stop(): Promise<void>;
}

const BUILT_API = resolve(__dirname, '../../dist/apps/api/src/main.js');
const STOP_GRACE_MS = 10_000;

/** Starts everything, stopping what did start if a later step fails; Ctrl-C stops it too. */
export async function startBenchSystem(progress: Progress, taskQueue: string): Promise<BenchSystem> {
  const parts: Partial<BenchSystem> = { assessor: { user: 'assessor-bench', roles: ['ASSESSOR'] }, apiErrors: [] };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      progress.say('stopping API, worker and stack…');
      await parts.db?.end().catch(() => undefined);
      if (parts.api) await stopProcess(parts.api);
      if (parts.worker) await stopProcess(parts.worker);
      await parts.stack?.stop().catch((error: unknown) => progress.say(`stack did not stop cleanly: ${String(error)}`));
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    })());
  // Ctrl-C reaches this process twice (from the terminal, then relayed by tsx): the first one
  // stops everything, later ones must not end the process before that is done.
  const interrupted = () => {
    if (stopping) return;
    progress.say('interrupted');
    void stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  try {
    progress.say('starting Temporal dev server + embedded Postgres…');
    const temporalMetricsPort = await freePort();
    // A benchmark may have chosen the worker's address itself (worker-memory.bench.ts).
    const workerMetricsAddress = process.env.WORKER_METRICS_ADDRESS ?? `127.0.0.1:${await freePort()}`;
    parts.metricsUrls = {
      temporal: `http://127.0.0.1:${temporalMetricsPort}/metrics`,
      worker: `http://${workerMetricsAddress}/metrics`,
    };
    parts.stack = await startTestStack({ temporalMetricsPort });
    parts.client = parts.stack.env.client;
    parts.config = testConfig(parts.stack, taskQueue);
    warnIfWorkerStale((line) => progress.say(line));
    progress.say('starting the Jiebang worker as its own process (dist/apps/worker)…');
    parts.worker = await spawnWorkerProcess({
      ...parts.config,
      WORKER_METRICS_ADDRESS: workerMetricsAddress,
    });
    parts.workerTrouble = watchLines(parts.worker, /\b(WARN|ERROR|FATAL)\b/);
    progress.say(`worker pid ${parts.worker.pid}; starting the API as its own process (dist/apps/api)…`);
    const port = await freePort();
    parts.api = spawnApi(parts.config, port);
    // The array is kept up to date in place, so the benchmark reads the latest lines.
    parts.apiErrors = watchLines(parts.api, /\b(ERROR|FATAL)\b/).last;
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(
      'the API to answer /health',
      () =>
        fetch(`${baseUrl}/health`).then(
          (response) => (response.ok ? true : undefined),
          () => undefined,
        ),
      { timeoutMs: 120_000 },
    );
    parts.call = httpClient(baseUrl, parts.stack.databaseUrl);
    parts.baseUrl = baseUrl;
    parts.db = new PgClient({ connectionString: parts.stack.databaseUrl });
    await parts.db.connect();
    progress.say(`API pid ${parts.api.pid} on ${baseUrl}`);
    const portOf = (address: string) => address.slice(address.lastIndexOf(':') + 1).replace(/\/.*$/, '');
    parts.processes = {
      temporal: findPids('start-dev', `--port ${portOf(parts.stack.temporalAddress)} `)[0],
      postgres: findPids('bin/postgres', `-p ${portOf(parts.stack.databaseUrl)} `)[0],
      worker: parts.worker.pid,
      api: parts.api.pid,
      benchmark: process.pid,
    };
    return Object.assign(parts as Omit<BenchSystem, 'stop'>, { stop });
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnApi(config: AppConfig, port: number): ChildProcess {
  if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: run npm run build first`);
  // BENCH_API_NODE_ARGS: node options for the API alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, BUILT_API], {
    env: {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      PORT: String(port),
      DEMO_IMPORT: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** SIGTERM lets a process drain; one that has not exited after the grace period is killed. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => void crash(child), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Counts a child's output lines that match, keeping the last five; the output is drained either way. */
function watchLines(child: ChildProcess, pattern: RegExp): { count: number; last: string[] } {
  const seen = { count: 0, last: [] as string[] };
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!pattern.test(line)) continue;
      seen.count += 1;
      seen.last.push(line.slice(0, 300));
      if (seen.last.length > 5) seen.last.shift();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return seen;
}

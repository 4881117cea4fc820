import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '@jiebang/config';
import { freePort } from '@jiebang/devstack/free-port';
import { crash, httpClient, spawnWorkerProcess, testConfig, type ActorHeaders } from '../../test/support/jiebang';
import { warnIfWorkerStale } from './build';
import { clusterProcesses, startBenchCluster } from './cluster';
import { findPids } from './process-cpu';
import { waitFor, type Progress } from './progress';
import { startTestStack, type TestStack } from './stack';
import { benchTopology, type BenchTopology } from './topology';

/**
 * Jiebang as it is deployed, the benchmark a client of it. On the dev server (the default): one
 * dev server and one Postgres, the built worker and the built API each in their own process (the
 * API from dist/ too: under tsx, Nest would lack the decorator metadata tsc emits). On the
 * cluster (`BENCH_TOPOLOGY=cluster`): the production Temporal server on Postgres, two workers and
 * two APIs behind the proxy, as `npm run start:cluster` starts them.
 */
export interface BenchSystem {
  topology: BenchTopology;
  /** Jiebang's database. */
  databaseUrl: string;
  /** The benchmark's own connection to Temporal (for a worker of its own). */
  nativeConnection: NativeConnection;
  /** The benchmark's client of Temporal (its own queries, signals and Updates). */
  client: Client;
  /** The (first) Jiebang worker's pid, for its memory. */
  workerPid: number;
  /** Warning and error lines the workers wrote, the last few kept for the report. */
  workerTrouble: { count: number; last: string[] };
  /** Error lines the APIs wrote (the cause of a 500 is only in its log). */
  apiErrors: string[];
  call: ReturnType<typeof httpClient>;
  /** Where people's requests go: the API, or the cluster's proxy. */
  baseUrl: string;
  /** The assessor the benchmarks act as over HTTP. */
  assessor: ActorHeaders;
  db: PgClient;
  /** Prometheus endpoints: the workers' (Temporal Core: cache hits and misses) and the server's (Queries). */
  metricsUrls: { workers: string[]; temporal: string };
  /** The pids of the processes a benchmark runs on, by role, for CPU accounting. */
  processes: Record<string, number | undefined>;
  /** Stops what it started; safe to call twice, never throws. */
  stop(): Promise<void>;
}

const ASSESSOR: ActorHeaders = { user: 'assessor-bench', roles: ['ASSESSOR'] };

/** Starts the topology BENCH_TOPOLOGY names. */
export function startBenchSystem(progress: Progress, taskQueue: string): Promise<BenchSystem> {
  return benchTopology() === 'cluster'
    ? startClusterBenchSystem(progress, taskQueue)
    : startDevServerBenchSystem(progress, taskQueue);
}

const WORKER_TROUBLE = /\b(WARN|ERROR|FATAL)\b/;
const API_ERROR = /\b(ERROR|FATAL)\b/;
const BUILT_API = resolve(__dirname, '../../dist/apps/api/src/main.js');
const STOP_GRACE_MS = 10_000;

/** Starts everything, stopping what did start if a later step fails; Ctrl-C stops it too. */
async function startDevServerBenchSystem(progress: Progress, taskQueue: string): Promise<BenchSystem> {
  const parts: Partial<BenchSystem> & { stack?: TestStack; worker?: ChildProcess; api?: ChildProcess } = {
    topology: 'dev-server',
    assessor: ASSESSOR,
    apiErrors: [],
  };
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
      workers: [`http://${workerMetricsAddress}/metrics`],
    };
    parts.stack = await startTestStack({ temporalMetricsPort });
    parts.client = parts.stack.env.client;
    parts.nativeConnection = parts.stack.env.nativeConnection;
    parts.databaseUrl = parts.stack.databaseUrl;
    const config = testConfig(parts.stack, taskQueue);
    warnIfWorkerStale((line) => progress.say(line));
    progress.say('starting the Jiebang worker as its own process (dist/apps/worker)…');
    parts.worker = await spawnWorkerProcess({
      ...config,
      WORKER_METRICS_ADDRESS: workerMetricsAddress,
    });
    parts.workerPid = parts.worker.pid;
    parts.workerTrouble = watchLines(parts.worker, WORKER_TROUBLE);
    progress.say(`worker pid ${parts.worker.pid}; starting the API as its own process (dist/apps/api)…`);
    const port = await freePort();
    parts.api = spawnApi(config, port);
    // The array is kept up to date in place, so the benchmark reads the latest lines.
    parts.apiErrors = watchLines(parts.api, API_ERROR).last;
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

/** Lines that matched a pattern: how many, and the last five. */
interface MatchedLines {
  count: number;
  last: string[];
}

function lineCounter(pattern: RegExp): { seen: MatchedLines; take(line: string): void } {
  const seen: MatchedLines = { count: 0, last: [] };
  return {
    seen,
    take(line) {
      if (!pattern.test(line)) return;
      seen.count += 1;
      seen.last.push(line.slice(0, 300));
      if (seen.last.length > 5) seen.last.shift();
    },
  };
}

/** Counts a child's output lines that match, keeping the last five; the output is drained either way. */
function watchLines(child: ChildProcess, pattern: RegExp): MatchedLines {
  const counter = lineCounter(pattern);
  const onData = (chunk: Buffer) => chunk.toString().split('\n').forEach(counter.take);
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return counter.seen;
}

/**
 * The cluster as a benchmark's system: its proxy is where people's requests go; the benchmark
 * connects to its Temporal frontend and its Postgres itself. The workers' and APIs' lines are told
 * apart by the prefix the script writes (`[worker-1]`, `[api-2]`).
 */
async function startClusterBenchSystem(progress: Progress, taskQueue: string): Promise<BenchSystem> {
  const workerTrouble = lineCounter(WORKER_TROUBLE);
  const apiErrors = lineCounter(API_ERROR);
  warnIfWorkerStale((line) => progress.say(line));
  const cluster = await startBenchCluster(progress, taskQueue, (line) => {
    if (/\[worker-\d+\]/.test(line)) workerTrouble.take(line);
    else if (/\[api-\d+\]/.test(line)) apiErrors.take(line);
  });
  const opened: { connection?: Connection; native?: NativeConnection; db?: PgClient } = {};
  let stopping: Promise<void> | undefined;
  const interrupted = () => void stop().finally(() => process.exit(130));
  const stop = () =>
    (stopping ??= (async () => {
      process.off('SIGINT', interrupted);
      progress.say('stopping the cluster…');
      await opened.db?.end().catch(() => undefined);
      await opened.native?.close().catch(() => undefined);
      await opened.connection?.close().catch(() => undefined);
      await cluster.stop().catch((error: unknown) => progress.say(`cluster did not stop cleanly: ${String(error)}`));
    })());
  process.once('SIGINT', interrupted);
  try {
    opened.native = await NativeConnection.connect({ address: cluster.temporalAddress });
    opened.connection = await Connection.connect({ address: cluster.temporalAddress });
    opened.db = new PgClient({ connectionString: cluster.databaseUrl });
    await opened.db.connect();
    const pids = await cluster.pids();
    progress.say(
      `cluster up: proxy ${cluster.baseUrl}, Temporal ${cluster.temporalAddress}, ${Object.keys(pids).join(', ')}`,
    );
    return {
      topology: 'cluster',
      databaseUrl: cluster.databaseUrl,
      nativeConnection: opened.native,
      client: new Client({ connection: opened.connection, namespace: 'default' }),
      workerPid: pids['worker-1']!,
      workerTrouble: workerTrouble.seen,
      apiErrors: apiErrors.seen.last,
      call: httpClient(cluster.baseUrl, cluster.databaseUrl),
      baseUrl: cluster.baseUrl,
      assessor: ASSESSOR,
      db: opened.db,
      metricsUrls: { workers: cluster.workerMetricsUrls, temporal: cluster.temporalMetricsUrl },
      processes: clusterProcesses(pids),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

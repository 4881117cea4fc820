import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, isPortFree } from './free-port';
import { isAlive, type RecordedProcess } from './pid-files';
import { resolveTemporalServer, temporalServerPorts } from './temporal-server';

/** What `npm run start:cluster` prints once it is up, read back by a program that started it. */
export interface ClusterBanner {
  /** Each API instance's own port (the proxy sends requests to them round-robin). */
  apiPorts: number[];
  /** Each worker's `GET /metrics`. */
  workerMetricsUrls: string[];
  /** The Temporal server's Prometheus endpoint. */
  temporalMetricsUrl: string;
}

/** The banner's figures, or undefined while `output` holds no complete banner yet. */
export function parseClusterBanner(output: string): ClusterBanner | undefined {
  const apis = /API instances: ([\d, ]+)\)/.exec(output);
  const workers = /processes on task queue \S+ \(metrics ([^)]*)\)/.exec(output);
  const temporal = /history shards; metrics (\S+)\)/.exec(output);
  if (!apis || !workers || !temporal) return undefined;
  return {
    apiPorts: apis[1]!.split(',').map((port) => Number(port.trim())),
    workerMetricsUrls: workers[1]!.split(',').map((url) => url.trim()),
    temporalMetricsUrl: temporal[1]!,
  };
}

/** A TEMPORAL_PORT whose whole layout of ports (all below 32768) is free now. */
export async function freeTemporalBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Object.values(temporalServerPorts(base, 0)).filter((port) => port > 0);
    const free = await Promise.all(ports.map((port) => isPortFree(port)));
    if (free.every(Boolean)) return base;
  }
}

export interface LaunchClusterOptions {
  /** The checkout whose `scripts/start-cluster.ts` and built `dist/` run. */
  root: string;
  taskQueue: string;
  /** How long a replica that died stays down before the script starts it again. */
  restartAfterMs: number;
  /** Lines of the Temporal server's first build on a machine (minutes, once). */
  log: (line: string) => void;
  /** Gives up (stopping the script) when no banner came within this; 10 minutes unless given. */
  startedWithinMs?: number;
  /** The folder's name starts with this, in the system's temporary folder. */
  folderPrefix?: string;
  /** Called with every line the script and its processes write, for as long as it runs. */
  onLine?: (line: string) => void;
}

/** A `start:cluster` a test suite or a benchmark started, on a fresh folder and free ports. */
export interface LaunchedCluster extends ClusterBanner {
  /** The reverse proxy: the one port people use. */
  baseUrl: string;
  /** Each API instance directly, bypassing the proxy. */
  apiUrls: string[];
  databaseUrl: string;
  temporalAddress: string;
  /** The pid files of its processes (`worker-1.pid`, `api-2.pid` …). */
  runDir: string;
  /** The last lines the script and its processes wrote (for a failure's report). */
  output(): string;
  /** Ctrl-C's signal, then the folder removed. */
  stop(): Promise<void>;
}

/**
 * Runs `scripts/start-cluster.ts` as `npm run start:cluster` does, with dist/ as it is (no build),
 * no demo import, warnings only in the logs, a secret of its own, and waits for its banner. Its
 * output is read for as long as it runs: an undrained pipe would block its writes, and with them
 * the proxy that runs in it.
 */
export async function launchCluster(options: LaunchClusterOptions): Promise<LaunchedCluster> {
  const startedWithinMs = options.startedWithinMs ?? 10 * 60_000;
  await resolveTemporalServer(options.log);
  const folder = await mkdtemp(join(tmpdir(), options.folderPrefix ?? 'jiebang-cluster-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const temporalPort = await freeTemporalBase();
  const script = spawn(process.execPath, [require.resolve('tsx/cli'), join(options.root, 'scripts/start-cluster.ts')], {
    cwd: options.root,
    env: {
      ...process.env,
      JIEBANG_CLUSTER_DIR: folder,
      JIEBANG_SKIP_BUILD: 'true',
      PORT: String(port),
      PGPORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      DEMO_IMPORT: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      CLUSTER_RESTART_AFTER_MS: String(options.restartAfterMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partLine = '';
  const passLines = (text: string) => {
    if (!options.onLine) return;
    const lines = (partLine + text).split('\n');
    partLine = lines.pop()!;
    for (const line of lines) if (line) options.onLine(line);
  };
  const stop = async () => {
    if (script.exitCode === null && script.signalCode === null) {
      const exited = new Promise((done) => script.once('exit', done));
      script.kill('SIGINT');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
  const banner = await new Promise<ClusterBanner>((resolveUp, reject) => {
    const timer = setTimeout(() => {
      script.kill('SIGINT');
      reject(
        new Error(`start:cluster did not come up within ${startedWithinMs / 60_000} min:\n${output.slice(-4_000)}`),
      );
    }, startedWithinMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      passLines(text);
      const read = parseClusterBanner(output);
      if (read) {
        clearTimeout(timer);
        resolveUp(read);
      }
    };
    script.stdout.on('data', onData);
    script.stderr.on('data', onData);
    script.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:cluster exited (${code}) before it was up:\n${output.slice(-4_000)}`));
    });
  }).catch(async (error: unknown) => {
    await rm(folder, { recursive: true, force: true });
    throw error;
  });
  return {
    ...banner,
    baseUrl: `http://127.0.0.1:${port}`,
    apiUrls: banner.apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/jiebang`,
    temporalAddress: `127.0.0.1:${temporalPort}`,
    runDir: join(folder, 'run'),
    output: () => output.slice(-6_000),
    stop,
  };
}

/** The record of a replica (`worker-1`, `api-2`) of a running cluster, or undefined while none runs under that name. */
export async function replicaRecord(runDir: string, name: string): Promise<RecordedProcess | undefined> {
  const record = await readFile(join(runDir, `${name}.pid`), 'utf8').then(
    (text) => JSON.parse(text) as RecordedProcess,
    () => undefined,
  );
  return record && isAlive(record) ? record : undefined;
}

/**
 * Signals one replica of a running cluster as an operator or a crash would, the whole process
 * group (what the replica started goes with it), and waits until it is gone: SIGTERM is a
 * rolling restart's stop (it finishes what it holds), SIGKILL a crash. Returns its pid.
 */
export async function stopReplica(
  runDir: string,
  name: string,
  signal: 'SIGTERM' | 'SIGKILL',
  withinMs = 60_000,
): Promise<number> {
  const record = await replicaRecord(runDir, name);
  if (!record) throw new Error(`${name} is not running (no live pid in ${runDir}/${name}.pid)`);
  process.kill(-record.pid, signal);
  const deadline = Date.now() + withinMs;
  while (isAlive(record)) {
    if (Date.now() > deadline)
      throw new Error(`${name} (pid ${record.pid}) still runs ${withinMs / 1000} s after ${signal}`);
    await sleep(50);
  }
  return record.pid;
}

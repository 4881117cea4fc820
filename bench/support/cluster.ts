import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@jiebang/devstack/free-port';
import { isAlive, recordedProcesses } from '@jiebang/devstack/pid-files';
import { resolveTemporalServer } from '@jiebang/devstack/temporal-server';
import { freeTemporalBase } from '../../test/cluster/ports';
import type { Progress } from './progress';

const ROOT = resolve(__dirname, '../..');
const STARTED_WITHIN_MS = 10 * 60_000;

/** `npm run start:cluster` as a benchmark runs it: on a fresh folder and free ports, stopped with Ctrl-C's signal. */
export interface BenchCluster {
  /** The proxy: the one port people use. */
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** Pids of the cluster's processes by name (`temporal`, `postgres`, `worker-1`, `api-2`, `supervisor` …). */
  pids(): Promise<Record<string, number>>;
  /** The last lines the script and its processes wrote (for a failure's report). */
  output(): string;
  /** Kills one of its processes for good (the script does not restart it within the benchmark). */
  kill(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchCluster(progress: Progress, taskQueue: string): Promise<BenchCluster> {
  await resolveTemporalServer((line) => progress.say(`[temporal-build] ${line}`));
  const folder = await mkdtemp(join(tmpdir(), 'jiebang-bench-cluster-'));
  const runDir = join(folder, 'run');
  const [port, pgPort] = [await freePort(), await freePort()];
  const temporalPort = await freeTemporalBase();
  progress.say(`starting the cluster (npm run start:cluster) in ${folder}…`);
  const script = spawn(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts/start-cluster.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      JIEBANG_CLUSTER_DIR: folder,
      JIEBANG_SKIP_BUILD: 'true',
      PORT: String(port),
      PGPORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DEMO_IMPORT: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // A worker the benchmark stops (the one-worker figure) stays stopped.
      CLUSTER_RESTART_AFTER_MS: String(24 * 3_600_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = { text: '' };
  await banner(script, log);
  const pids = async () => {
    const records = await recordedProcesses(runDir);
    return Object.fromEntries(records.filter(isAlive).map((record) => [record.name, record.pid]));
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/jiebang`,
    temporalAddress: `127.0.0.1:${temporalPort}`,
    pids,
    output: () => log.text.slice(-6_000),
    async kill(name) {
      const pid = (await pids())[name];
      if (pid !== undefined) process.kill(pid, 'SIGTERM');
      for (let waited = 0; waited < 30_000 && (await pids())[name] !== undefined; waited += 250)
        await new Promise((done) => setTimeout(done, 250));
    },
    async stop() {
      if (script.exitCode === null) {
        const exited = new Promise((done) => script.once('exit', done));
        script.kill('SIGINT');
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

function banner(script: ChildProcess, log: { text: string }): Promise<void> {
  return new Promise((resolveUp, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      script.kill('SIGINT');
      reject(
        new Error(`start:cluster did not come up within ${STARTED_WITHIN_MS / 60_000} min:\n${output.slice(-4_000)}`),
      );
    }, STARTED_WITHIN_MS);
    // Read for as long as the script runs, not only until the banner: an undrained pipe would
    // block its writes, and with them the proxy that runs in it.
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      log.text = output;
      if (/API instances: [\d, ]+\)/.test(output)) {
        clearTimeout(timer);
        resolveUp();
      }
    };
    script.stdout?.on('data', onData);
    script.stderr?.on('data', onData);
    script.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:cluster exited (${code}) before it was up:\n${output.slice(-4_000)}`));
    });
  });
}

import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchCluster, stopReplica, type LaunchedCluster } from '@jiebang/devstack/cluster-launch';
import { isAlive, recordedProcesses } from '@jiebang/devstack/pid-files';
import type { Progress } from './progress';

const ROOT = resolve(__dirname, '../..');

/** `npm run start:cluster` as a benchmark runs it: on a fresh folder and free ports, stopped with Ctrl-C's signal. */
export interface BenchCluster extends LaunchedCluster {
  /** Pids of the cluster's processes by name (`temporal`, `postgres`, `worker-1`, `api-2`, `supervisor` …). */
  pids(): Promise<Record<string, number>>;
  /** Stops one replica for good as an operator would (SIGTERM; the script does not restart it within the benchmark). */
  kill(name: string): Promise<void>;
}

export async function startBenchCluster(
  progress: Progress,
  taskQueue: string,
  onLine?: (line: string) => void,
): Promise<BenchCluster> {
  const logFile = join(tmpdir(), `jiebang-bench-cluster-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const log = createWriteStream(logFile);
  progress.say(`starting the cluster (npm run start:cluster); everything it writes goes to ${logFile}…`);
  const cluster = await launchCluster({
    root: ROOT,
    taskQueue,
    // A worker the benchmark stops (the one-worker figure) stays stopped.
    restartAfterMs: 24 * 3_600_000,
    log: (line) => progress.say(`[temporal-build] ${line}`),
    folderPrefix: 'jiebang-bench-cluster-',
    onLine: (line) => {
      log.write(`${line}\n`);
      // The supervisor's own lines (a replica that exited, restarted) belong in the benchmark's account.
      if (line.startsWith('[cluster]')) progress.say(line);
      onLine?.(line);
    },
  });
  return {
    ...cluster,
    async stop() {
      await cluster.stop();
      log.end();
    },
    async pids() {
      const records = await recordedProcesses(cluster.runDir);
      return Object.fromEntries(records.filter(isAlive).map((record) => [record.name, record.pid]));
    },
    async kill(name) {
      await stopReplica(cluster.runDir, name, 'SIGTERM');
    },
  };
}

/** The cluster's processes whose CPU a benchmark reports (the supervisor's bookkeeping left out). */
export function clusterProcesses(pids: Record<string, number>): Record<string, number | undefined> {
  const processes: Record<string, number | undefined> = { ...pids, benchmark: process.pid };
  delete processes.watchdog;
  delete processes['supervisor-record'];
  return processes;
}

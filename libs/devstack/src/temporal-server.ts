import { execFile } from 'node:child_process';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client as PgClient } from 'pg';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { ensureSearchAttributes } from '@jiebang/temporal/search-attributes';
import { acquireBuildLock, findOnPath, goInstall, isBuildLocked, isExecutable, pathExists } from './go-build';
import { spawnManaged, type ManagedProcess } from './process-supervisor';
import { jiebangCacheDir } from './temporal-cli';

/**
 * The production Temporal server Jiebang runs beside several workers (`npm run start:cluster`,
 * docker-compose.yml's `temporalio/server` image). v1.31 and later need a newer Go than this
 * project assumes.
 */
export const TEMPORAL_SERVER_VERSION = '1.30.4';

/** History shards when `TEMPORAL_HISTORY_SHARDS` is not set; fixed for the life of the databases. */
export const DEFAULT_HISTORY_SHARDS = 16;

const GO_MODULE = 'go.temporal.io/server';
/** The two binaries, each built from its own package of the module. */
const BINARIES = { server: `${GO_MODULE}/cmd/server`, sql: `${GO_MODULE}/cmd/tools/sql` } as const;
/** Where the module keeps the PostgreSQL schemas, and where we keep a copy beside the binaries. */
const SCHEMA_PATH = join('schema', 'postgresql', 'v12');
const run = promisify(execFile);

/** The server, its schema tool and the versioned schema folders of one Temporal release. */
export interface TemporalServerTools {
  server: string;
  sql: string;
  /** `.../postgresql/v12/temporal/versioned` */
  schemaDir: string;
  /** `.../postgresql/v12/visibility/versioned` */
  visibilitySchemaDir: string;
}

/** Where the built server lives: `~/.cache/jiebang/temporal-server-v1.30.4/`. */
export function temporalServerCacheDir(environment: NodeJS.ProcessEnv = process.env): string {
  return join(jiebangCacheDir(environment), `temporal-server-v${TEMPORAL_SERVER_VERSION}`);
}

/**
 * Finds the Temporal server and its SQL schema tool in the cache, building them with `go install`
 * when missing (several minutes each, once per machine), and copies the module's PostgreSQL
 * schemas beside them. Concurrent callers share one build through a lock folder, as
 * `resolveTemporalCli` does.
 */
export async function resolveTemporalServer(
  log: (line: string) => void = () => undefined,
): Promise<TemporalServerTools> {
  const folder = temporalServerCacheDir();
  const tools: TemporalServerTools = {
    server: join(folder, 'server'),
    sql: join(folder, 'sql'),
    schemaDir: join(folder, SCHEMA_PATH, 'temporal', 'versioned'),
    visibilitySchemaDir: join(folder, SCHEMA_PATH, 'visibility', 'versioned'),
  };
  const complete = async () =>
    (await isExecutable(tools.server)) && (await isExecutable(tools.sql)) && (await pathExists(tools.schemaDir));
  await mkdir(folder, { recursive: true });
  const lock = `${folder}.lock`;
  if (!(await isBuildLocked(lock)) && (await complete())) return tools;

  await acquireBuildLock(lock, `the Temporal server ${TEMPORAL_SERVER_VERSION}`, log);
  try {
    if (await complete()) return tools;
    const go = await findOnPath('go');
    if (!go)
      throw new Error(
        `the Temporal server ${TEMPORAL_SERVER_VERSION} is not in ${folder} and Go is not installed to build it: install Go 1.24+, or run the server yourself and set TEMPORAL_ADDRESS`,
      );
    for (const [name, goPackage] of Object.entries(BINARIES)) {
      const target = join(folder, name);
      if (!(await isExecutable(target)))
        await goInstall(go, `${goPackage}@v${TEMPORAL_SERVER_VERSION}`, target, {
          what: `the Temporal server's ${name} ${TEMPORAL_SERVER_VERSION}`,
          log,
        });
    }
    if (!(await pathExists(tools.schemaDir))) await copySchemas(go, folder, log);
    return tools;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The module's schema files (in Go's module cache after the build, else downloaded) copied beside the binaries. */
async function copySchemas(go: string, folder: string, log: (line: string) => void): Promise<void> {
  const { stdout } = await run(go, ['mod', 'download', '-json', `${GO_MODULE}@v${TEMPORAL_SERVER_VERSION}`], {
    maxBuffer: 10 * 1024 * 1024,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not say where ${GO_MODULE} is: ${stdout}`);
  const staging = join(folder, `.schema-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await cp(join(moduleDir, SCHEMA_PATH), join(staging, 'v12'), { recursive: true });
  await mkdir(join(folder, 'schema', 'postgresql'), { recursive: true });
  await rename(join(staging, 'v12'), join(folder, SCHEMA_PATH));
  await rm(staging, { recursive: true, force: true });
  log(`copied the PostgreSQL schemas of ${GO_MODULE} v${TEMPORAL_SERVER_VERSION} into ${folder}`);
}

/** How the server reaches its Postgres; the databases are created when missing. */
export interface TemporalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `temporal` unless given. */
  database?: string;
  /** `temporal_visibility` unless given. */
  visibilityDatabase?: string;
}

/** Raised when the databases were set up with another shard count: the count cannot change later. */
export class HistoryShardsMismatchError extends Error {
  constructor(
    readonly stored: number,
    readonly asked: number,
  ) {
    super(
      `the Temporal databases were set up with ${stored} history shards and TEMPORAL_HISTORY_SHARDS asks for ${asked}; the count cannot change: set TEMPORAL_HISTORY_SHARDS=${stored}, or start from empty databases`,
    );
    this.name = 'HistoryShardsMismatchError';
  }
}

const SHARDS_NOTE = /jiebang:numHistoryShards=(\d+)/;

/**
 * Creates the `temporal` and `temporal_visibility` databases when missing and brings both schemas
 * to the release's version with the schema tool (`setup-schema -v 0.0` once, then
 * `update-schema`; a second run changes nothing). The shard count is written once as a comment
 * on the `temporal` database, so that it travels with a backup; a later call with another count
 * throws {@link HistoryShardsMismatchError} before the server could refuse with a worse message.
 */
export async function setUpTemporalSchemas(
  tools: TemporalServerTools,
  postgres: TemporalPostgres,
  historyShards: number,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const database = postgres.database ?? 'temporal';
  const visibility = postgres.visibilityDatabase ?? 'temporal_visibility';
  const admin = new PgClient({ ...pgOptions(postgres), database: 'postgres' });
  await admin.connect();
  try {
    for (const name of [database, visibility]) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
        log(`created the database ${name}`);
      }
    }
    const note = await admin.query<{ note: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`,
      [database],
    );
    const stored = SHARDS_NOTE.exec(note.rows[0]?.note ?? '')?.[1];
    if (stored !== undefined && Number(stored) !== historyShards)
      throw new HistoryShardsMismatchError(Number(stored), historyShards);
    for (const [name, schemaDir] of [
      [database, tools.schemaDir],
      [visibility, tools.visibilitySchemaDir],
    ] as const) {
      if (!(await hasSchemaVersion(postgres, name)))
        await sqlTool(tools, postgres, name, ['setup-schema', '-v', '0.0']);
      await sqlTool(tools, postgres, name, ['update-schema', '-d', schemaDir]);
    }
    if (stored === undefined)
      await admin.query(
        `COMMENT ON DATABASE ${admin.escapeIdentifier(database)} IS 'jiebang:numHistoryShards=${historyShards}'`,
      );
  } finally {
    await admin.end();
  }
}

async function hasSchemaVersion(postgres: TemporalPostgres, database: string): Promise<boolean> {
  const client = new PgClient({ ...pgOptions(postgres), database });
  await client.connect();
  try {
    const found = await client.query(`SELECT to_regclass('public.schema_version') AS t`);
    return (found.rows[0] as { t: string | null }).t !== null;
  } finally {
    await client.end();
  }
}

async function sqlTool(
  tools: TemporalServerTools,
  postgres: TemporalPostgres,
  database: string,
  command: string[],
): Promise<void> {
  const args = [
    ...['--plugin', 'postgres12', '--ep', postgres.host, '-p', String(postgres.port)],
    ...['-u', postgres.user, '--db', database],
    ...command,
  ];
  try {
    // The password through the environment, so it never shows in a process listing.
    await run(tools.sql, args, { env: { ...process.env, SQL_PASSWORD: postgres.password } });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`temporal-sql-tool ${command[0]} on ${database} failed: ${stderr || stdout || String(error)}`);
  }
}

function pgOptions(postgres: TemporalPostgres) {
  return {
    host: postgres.host,
    port: postgres.port,
    user: postgres.user,
    password: postgres.password,
    connectionTimeoutMillis: 5_000,
  };
}

/** The ports a one-process server listens on (gRPC and membership of each service). */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  /** Prometheus metrics of the server. */
  metrics: number;
}

export interface TemporalServerOptions {
  tools: TemporalServerTools;
  postgres: TemporalPostgres;
  historyShards: number;
  ports: TemporalServerPorts;
  /** Where the generated configuration is written. */
  configDir: string;
  /** `default` unless given; registered when missing. */
  namespace?: string;
  /** `warn` unless given. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  log?: (line: string) => void;
  /** How long to wait for the frontend; 120 s unless given. */
  readyTimeoutMs?: number;
}

export interface RunningTemporalServer {
  address: string;
  metricsUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * The ports of a server whose frontend listens on `frontend`, laid out as Temporal's own examples
 * lay them out around 7233 (history +1, matching +2, worker +6, HTTP +10, membership -300...).
 * Temporal stores membership ports as a smallint: every port must be below 32768.
 */
export function temporalServerPorts(frontend: number, metrics: number): TemporalServerPorts {
  const ports = {
    frontend,
    frontendHttp: frontend + 10,
    frontendMembership: frontend - 300,
    history: frontend + 1,
    historyMembership: frontend - 299,
    matching: frontend + 2,
    matchingMembership: frontend - 298,
    worker: frontend + 6,
    workerMembership: frontend - 294,
    metrics,
  };
  if (frontend < 1024 || frontend + 10 > 32_767)
    throw new Error(
      `TEMPORAL_PORT=${frontend}: Temporal's ports must lie between 1024 and 32757 (it stores them as smallint)`,
    );
  return ports;
}

/**
 * The server's configuration, in the format of the module's `config/development-postgres12.yaml`,
 * as JSON (a subset of YAML): every service in one process on loopback, history and visibility
 * on Postgres.
 */
export function temporalServerConfig(options: Omit<TemporalServerOptions, 'tools' | 'configDir' | 'log'>): string {
  const { postgres, ports } = options;
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${postgres.host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, extra: Record<string, unknown> = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  const config = {
    log: { stdout: true, level: options.logLevel ?? 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: options.historyShards,
      datastores: {
        'postgres-default': datastore(postgres.database ?? 'temporal', 20),
        'postgres-visibility': datastore(postgres.visibilityDatabase ?? 'temporal_visibility', 10),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${ports.metrics}` },
      },
    },
    services: {
      frontend: service(ports.frontend, ports.frontendMembership, { httpPort: ports.frontendHttp }),
      history: service(ports.history, ports.historyMembership),
      matching: service(ports.matching, ports.matchingMembership),
      worker: service(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Starts the production Temporal server (frontend, history, matching and worker services in one
 * process) on databases set up by {@link setUpTemporalSchemas}, waits for the frontend, registers
 * the namespace when missing and Jiebang's search attributes.
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  await mkdir(options.configDir, { recursive: true });
  const configFile = join(options.configDir, 'temporal-server.yaml');
  await writeFile(configFile, temporalServerConfig(options), { mode: 0o600 });
  const server = spawnManaged('temporal', {
    command: options.tools.server,
    args: [
      '--config-file',
      configFile,
      '--allow-no-auth',
      'start',
      ...['--service', 'frontend', '--service', 'history', '--service', 'matching', '--service', 'worker'],
    ],
    onLine: (line) => options.log?.(line),
    quietWhileStopping: true,
  });
  const address = `127.0.0.1:${options.ports.frontend}`;
  const namespace = options.namespace ?? 'default';
  try {
    const connection = await frontendWhenReady(server, address, options.readyTimeoutMs ?? 120_000);
    try {
      await ensureNamespace(connection, namespace);
      await ensureSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES);
    } finally {
      await connection.close();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    address,
    metricsUrl: `http://127.0.0.1:${options.ports.metrics}/metrics`,
    process: server,
    stop: async () => void (await server.stop()),
  };
}

/** Registers the namespace (7 days' retention of closed workflows) unless it exists, and waits until it serves. */
export async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return;
  } catch {
    // Not found: register it below.
  }
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('7 days'),
    });
  } catch (error) {
    if (!/already exists/i.test(String(error))) throw error;
  }
  // The frontend's namespace cache learns of a new namespace within seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`namespace ${namespace} was registered but never served: ${String(error)}`);
    }
    await sleep(500);
  }
}

async function frontendWhenReady(server: ManagedProcess, address: string, timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.isRunning())
      throw new Error(`the Temporal server exited during start-up: ${lastError(server.recentOutput())}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `waited ${timeoutMs / 1000} s for the Temporal frontend at ${address}, which never answered: ${String(error).split('\n')[0]}`,
        );
    }
    await sleep(500);
  }
}

/** The message of the server's last error or fatal log line, rather than forty lines of stack traces. */
function lastError(output: string): string {
  const lines = output.split('\n').reverse();
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (entry.level === 'fatal' || entry.level === 'error') return `${entry.msg ?? ''}: ${entry.error ?? ''}`;
    } catch {
      // Not a JSON log line.
    }
  }
  return lines.slice(0, 5).reverse().join('\n');
}

import { Connection } from '@temporalio/client';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { ensureSearchAttributes, type SearchAttributeSpec } from '@jiebang/temporal/search-attributes';
import { spawnManaged, type ManagedProcess } from './process-supervisor';

export { SEARCH_ATTRIBUTES, type SearchAttributeSpec };

/** How to run `temporal server start-dev`. */
export interface TemporalDevServerOptions {
  /** Path of the Temporal CLI (see `resolveTemporalCli`). */
  cli: string;
  /** SQLite file for persistent state; in memory when absent. */
  dbFilename?: string;
  port: number;
  /** Web UI port; no UI when absent. */
  uiPort?: number;
  /** Interface to bind; 127.0.0.1 unless given. */
  ip?: string;
  /** `default` unless given. */
  namespace?: string;
  /** `warn` unless given. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Registered at start; {@link SEARCH_ATTRIBUTES} unless given. */
  searchAttributes?: readonly SearchAttributeSpec[];
  /** Receives the server's output lines. */
  log?: (line: string) => void;
  /** How long to wait for the server to answer; 60 s unless given. */
  readyTimeoutMs?: number;
}

/** A running Temporal dev server. */
export interface TemporalDevServer {
  /** gRPC address for clients and workers, `host:port`. */
  address: string;
  /** The Web UI, when one was asked for. */
  uiUrl: string | undefined;
  /** The server process, for supervisors that watch for an unexpected exit. */
  process: ManagedProcess;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** The `--search-attribute Name=Type` arguments for a list of search attributes. */
export function searchAttributeArgs(attributes: readonly SearchAttributeSpec[] = SEARCH_ATTRIBUTES): string[] {
  return attributes.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]);
}

/** The command line of `temporal server start-dev` for these options (without the executable). */
export function devServerArgs(options: TemporalDevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    ...(options.dbFilename === undefined ? [] : ['--db-filename', options.dbFilename]),
    '--ip',
    options.ip ?? '127.0.0.1',
    '--port',
    String(options.port),
    ...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    options.logLevel ?? 'warn',
    ...searchAttributeArgs(options.searchAttributes),
  ];
}

/**
 * Starts `temporal server start-dev` as a child process in its own process group and
 * waits until it serves the namespace with our search attributes registered.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const dbFilename = options.dbFilename === undefined ? undefined : resolve(options.dbFilename);
  if (dbFilename !== undefined) await mkdir(dirname(dbFilename), { recursive: true });
  const server = spawnManaged('temporal', {
    command: options.cli,
    args: devServerArgs({ ...options, dbFilename }),
    onLine: (line) => options.log?.(line),
    quietWhileStopping: true, // on shutdown its internal workers log every lost connection
  });
  const ip = options.ip ?? '127.0.0.1';
  const address = `${ip}:${options.port}`;
  const stop = async () => {
    await server.stop();
  };
  try {
    const connection = await connectWhenReady(server, address, options.readyTimeoutMs ?? 60_000);
    try {
      await ensureSearchAttributes(
        connection,
        options.namespace ?? 'default',
        options.searchAttributes ?? SEARCH_ATTRIBUTES,
      );
    } finally {
      await connection.close();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const uiHost = ip === '127.0.0.1' ? 'localhost' : ip;
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://${uiHost}:${options.uiPort}`,
    process: server,
    stop,
  };
}

async function connectWhenReady(server: ManagedProcess, address: string, timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.isRunning())
      throw new Error(`the Temporal dev server exited during start-up:\n${server.recentOutput()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `the Temporal dev server did not answer on ${address} within ${timeoutMs / 1000} s: ${String(error)}\n${server.recentOutput()}`,
        );
    }
    await sleep(250);
  }
}

import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApiApplication } from '../../apps/api/src/api-application';
import { startWorkerApplication } from '../../apps/worker/src/worker-application';
import { usePrebuiltWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { loadConfig, type AppConfig } from '@jiebang/config';
import { ensureTestUser, TEST_PASSWORD } from './users';

export interface StackAddresses {
  temporalAddress: string;
  databaseUrl: string;
}

/** Configuration for Jiebang on a test stack; each suite gets its own task queue. */
export function testConfig(stack: StackAddresses, taskQueue: string): AppConfig {
  return loadConfig({
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DEMO_IMPORT: 'false',
    LOG_LEVEL: 'warn',
    // Each suite its own key, so no test writes a key file into the worktree's .data.
    JWT_SECRET: randomBytes(32).toString('hex'),
    // The tests' webhook, robot and SMTP receivers listen on loopback.
    OUTBOUND_ALLOW: '127.0.0.1/32,::1/128',
  });
}

/** The real HTTP API on a free port. */
export async function startApi(config: AppConfig): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await createApiApplication(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  apiDatabases.set(baseUrl, config.DATABASE_URL);
  return { app, baseUrl };
}

/** Which database each API started by startApi uses, so httpClient can create its users. */
const apiDatabases = new Map<string, string>();

/** The real worker in this process, running the workflow bundle made once for the run (global-setup.ts) when there is one. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  usePrebuiltWorkflowBundle(await sharedWorkflowBundle());
  return startWorkerApplication(config);
}

/**
 * The bundle the project's global setup made, if this runs under vitest with it. `vitest` is
 * imported only here, when needed: the benchmarks load this module outside vitest's runner.
 */
export async function sharedWorkflowBundle(): Promise<{ codePath: string } | undefined> {
  const { inject } = await import('vitest');
  const codePath = inject('workflowBundlePath');
  return codePath ? { codePath } : undefined;
}

const BUILT_WORKER = resolve(__dirname, '../../dist/apps/worker/src/main.js');

/** A worker process, with what it wrote until it polled (its start-up warnings). */
export interface WorkerProcess extends ChildProcess {
  startupOutput: string;
}

/**
 * The built worker as a separate process, so a test can kill it like a crash would
 * (SIGKILL: no shutdown hook runs). `npm test` builds dist/ before the suites run.
 */
export async function spawnWorkerProcess(
  config: AppConfig,
  entryPoint = BUILT_WORKER,
  environment: Record<string, string> = {},
): Promise<WorkerProcess> {
  if (!existsSync(entryPoint)) throw new Error(`${entryPoint} is missing: run npm run build first`);
  const child = spawn(process.execPath, [entryPoint], {
    env: {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      OUTBOUND_ALLOW: config.OUTBOUND_ALLOW.map((range) => `${range.address}/${range.prefix}`).join(','),
      LOG_LEVEL: 'log',
      ...(config.WORKER_METRICS_ADDRESS ? { WORKER_METRICS_ADDRESS: config.WORKER_METRICS_ADDRESS } : {}),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const startupOutput = await new Promise<string>((resolvePolling, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('polling task queue')) resolvePolling(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
  return Object.assign(child, { startupOutput });
}

/** Kills a process as a crash would, and waits until it is gone. */
export async function crash(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

export interface CallOptions {
  /** Sign in as this user (created with these roles and unit if need be) and send their access token. */
  actor?: ActorHeaders;
  /** Send this access token instead (or none when neither is given). */
  token?: string;
  body?: unknown;
  /** Sent as it is: text, or the bytes of a file (with its own content-type header). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Abort (a TimeoutError) when no answer has come after this long; no limit unless given. */
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  /** The response body as bytes (a downloaded file); set by httpClient. */
  bytes?: Buffer;
}

/**
 * An HTTP client for the API, acting as a given user: the first call as an actor creates the
 * user (password TEST_PASSWORD) and signs in; later calls reuse the tokens and sign in again
 * if the session has ended. `databaseUrl` is needed only for an API not started by startApi.
 */
export function httpClient(baseUrl: string, databaseUrl?: string) {
  const tokens = new Map<string, string>();

  async function accessTokenOf(actor: ActorHeaders, fresh: boolean): Promise<string> {
    const cached = tokens.get(actor.user);
    if (cached && !fresh) return cached;
    const database = databaseUrl ?? apiDatabases.get(baseUrl);
    if (!database) throw new Error(`httpClient: no database known for ${baseUrl}; pass it as the second argument`);
    await ensureTestUser(database, actor);
    const session = await signIn(baseUrl, actor.user, TEST_PASSWORD);
    tokens.set(actor.user, session.accessToken);
    return session.accessToken;
  }

  async function send(
    method: string,
    path: string,
    options: CallOptions,
    token: string | undefined,
  ): Promise<CallResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, body: parseBody(bytes.toString('utf8')), headers: response.headers, bytes };
  }

  return async function call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
    if (!options.actor) return send(method, path, options, options.token);
    const result = await send(method, path, options, await accessTokenOf(options.actor, false));
    if (result.status !== 401) return result;
    // The cached session ended (a test signed it out or revoked it): sign in once more.
    return send(method, path, options, await accessTokenOf(options.actor, true));
  };
}

export interface SignedInSession {
  accessToken: string;
  refreshToken: string;
}

/** The API's answer when a sign-in did not succeed: its status, body and Retry-After. */
export class SignInRefused extends Error {
  readonly retryAfter: string | null;

  constructor(
    username: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
    headers: Headers,
  ) {
    super(`sign-in as ${username} failed: ${status} ${JSON.stringify(body)}`);
    this.name = 'SignInRefused';
    this.retryAfter = headers.get('retry-after');
  }
}

/** POST /auth/login; throws SignInRefused unless it succeeds. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<SignedInSession> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = parseBody(await response.text());
  if (response.status !== 200) throw new SignInRefused(username, response.status, body, response.headers);
  return { accessToken: String(body.accessToken), refreshToken: refreshCookieOf(response.headers) ?? '' };
}

/** The refresh token a sign-in set in its httpOnly cookie (the API never puts it in the body). */
export function refreshCookieOf(headers: Headers): string | undefined {
  for (const cookie of headers.getSetCookie()) {
    const match = /^jiebang_refresh=([^;]*)/.exec(cookie);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return undefined;
}

function parseBody(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

export interface ActorHeaders {
  user: string;
  roles: string[];
  unit?: string;
}

/** Polls until `probe` returns a value or the time runs out. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

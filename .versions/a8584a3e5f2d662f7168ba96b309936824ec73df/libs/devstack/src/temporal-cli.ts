import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineSplitter } from './prefix-lines';

/** The Temporal CLI release we build when none is installed (its dev server is Temporal 1.29). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const BINARY = process.platform === 'win32' ? 'temporal.exe' : 'temporal';
const LOCK_POLL_MS = 1_000;
const LOCK_WAIT_LIMIT_MS = 45 * 60_000;
const HEARTBEAT_MS = 30_000;

/** How to get a Temporal CLI, for the error raised when we cannot build one. */
export const INSTALL_TEMPORAL_CLI_HELP = [
  'Jiebang needs the Temporal CLI (it runs the local Temporal dev server), and Go is not installed to build it. Either:',
  '  - macOS:         brew install temporal',
  '  - Linux/macOS:   curl -sSf https://temporal.download/cli.sh | sh   (then add ~/.temporalio/bin to PATH)',
  `  - with Go 1.24+: go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`,
  '  - or point at an existing binary: TEMPORAL_CLI=/path/to/temporal npm start',
].join('\n');

/** Where built tools are cached: `$JIEBANG_CACHE_DIR`, else `~/.cache/jiebang`. */
export function jiebangCacheDir(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.JIEBANG_CACHE_DIR || join(homedir(), '.cache', 'jiebang');
}

/** The path of the Temporal CLI that {@link resolveTemporalCli} builds and reuses. */
export function cachedTemporalCliPath(environment: NodeJS.ProcessEnv = process.env): string {
  return join(jiebangCacheDir(environment), `temporal-${TEMPORAL_CLI_VERSION}`, BINARY);
}

/**
 * Finds a Temporal CLI: `$TEMPORAL_CLI` (which must exist), else `temporal` on PATH, else
 * the cached build, else builds that with `go install` (several minutes the first time).
 * Concurrent callers, in this or other processes, share one build: the first takes a lock
 * directory and the others wait for it.
 *
 * @param log receives progress lines (the build announcement and go's own output).
 * @returns the absolute path of an executable `temporal`.
 * @throws when `$TEMPORAL_CLI` is not executable, or nothing is found and Go is missing
 *   (the message says how to install the CLI), or the build fails.
 */
export async function resolveTemporalCli(log: (line: string) => void = () => undefined): Promise<string> {
  const configured = process.env.TEMPORAL_CLI;
  if (configured) {
    if (!(await isExecutable(configured))) throw new Error(`TEMPORAL_CLI=${configured} is not an executable file`);
    return configured;
  }
  const onPath = await findOnPath(BINARY);
  if (onPath) return onPath;

  const target = cachedTemporalCliPath();
  const lock = `${target}.lock`;
  await mkdir(dirname(target), { recursive: true });
  // While another process holds the lock, wait for its build rather than trust what is there.
  if (!(await isLocked(lock)) && (await isExecutable(target))) return target;

  const go = await findOnPath(process.platform === 'win32' ? 'go.exe' : 'go');
  if (!go && !(await isLocked(lock))) throw new Error(INSTALL_TEMPORAL_CLI_HELP);

  await acquireLock(lock, log);
  try {
    if (await isExecutable(target)) return target; // built by whoever held the lock before us
    if (!go) throw new Error(INSTALL_TEMPORAL_CLI_HELP);
    await goInstall(go, target, log);
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function goInstall(go: string, target: string, log: (line: string) => void): Promise<void> {
  // Built into a private folder and moved into place whole, so no reader ever sees half a binary.
  const staging = join(dirname(target), `.build-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dirname(target)}.`);
  log('The first build takes several minutes (later starts reuse it).');
  const started = Date.now();
  const heartbeat = setInterval(
    () => log(`still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)…`),
    HEARTBEAT_MS,
  );
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(go, ['install', `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: staging, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const splitter = new LineSplitter((line) => {
        output.push(line);
        log(line);
      });
      child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => splitter.push(chunk.toString()));
      child.once('error', reject);
      child.once('close', (exitCode) => {
        splitter.flush();
        resolve(exitCode);
      });
    });
    if (code !== 0)
      throw new Error(
        `go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION} failed (exit code ${code}):\n${output.slice(-20).join('\n')}`,
      );
    await rename(join(staging, BINARY), target);
    log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    await rm(staging, { recursive: true, force: true });
  }
}

interface LockOwner {
  pid: number;
  host: string;
}

async function acquireLock(lock: string, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_LIMIT_MS;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lock); // atomic: exactly one process creates it
      await writeFile(
        join(lock, 'owner.json'),
        JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner),
      );
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lock)) {
      log(`removing the stale lock ${lock} (its build is gone)`);
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`Another process is building the Temporal CLI (lock ${lock}); waiting for it…`);
      announced = true;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock}; remove it if no build is running`);
    await sleep(LOCK_POLL_MS);
  }
}

async function isLocked(lock: string): Promise<boolean> {
  if (!(await exists(lock))) return false;
  if (!(await isStale(lock))) return true;
  await rm(lock, { recursive: true, force: true });
  return false;
}

/** A lock is stale when its owner on this host is gone, or it never got an owner file. */
async function isStale(lock: string): Promise<boolean> {
  let owner: LockOwner;
  try {
    owner = JSON.parse(await readFile(join(lock, 'owner.json'), 'utf8')) as LockOwner;
  } catch {
    // Between mkdir and writing the owner file; only a crash leaves it like this for long.
    const created = await stat(lock).then(
      (info) => info.mtimeMs,
      () => Date.now(),
    );
    return Date.now() - created > 60_000;
  }
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { acquireBuildLock, findOnPath, goInstall, isBuildLocked, isExecutable } from './go-build';

/** The Temporal CLI release we build when none is installed (its dev server is Temporal 1.29). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const BINARY = process.platform === 'win32' ? 'temporal.exe' : 'temporal';
const WHAT = `the Temporal CLI ${TEMPORAL_CLI_VERSION}`;

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
  if (!(await isBuildLocked(lock)) && (await isExecutable(target))) return target;

  const go = await findOnPath(process.platform === 'win32' ? 'go.exe' : 'go');
  if (!go && !(await isBuildLocked(lock))) throw new Error(INSTALL_TEMPORAL_CLI_HELP);

  await acquireBuildLock(lock, WHAT, log);
  try {
    if (await isExecutable(target)) return target; // built by whoever held the lock before us
    if (!go) throw new Error(INSTALL_TEMPORAL_CLI_HELP);
    await goInstall(go, `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`, target, { what: WHAT, log });
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

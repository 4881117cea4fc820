import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineSplitter } from './prefix-lines';

const LOCK_POLL_MS = 1_000;
const LOCK_WAIT_LIMIT_MS = 45 * 60_000;
const HEARTBEAT_MS = 30_000;

/**
 * `go install <spec>` into a private folder, the binary then moved to `target` whole, so that no
 * reader ever sees half a binary; go's output goes to `log`, with a heartbeat while it builds.
 * `go install` names the binary after its package folder (cmd/server → server), which is
 * `target`'s own name.
 */
export async function goInstall(
  go: string,
  spec: string,
  target: string,
  { what, log }: { what: string; log: (line: string) => void },
): Promise<void> {
  const staging = join(dirname(target), `.build-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`Building ${what} (${spec}) with Go into ${dirname(target)}.`);
  log('The first build takes several minutes (later starts reuse it).');
  const started = Date.now();
  const heartbeat = setInterval(
    () => log(`still building ${what} (${Math.round((Date.now() - started) / 1000)} s)…`),
    HEARTBEAT_MS,
  );
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(go, ['install', spec], {
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
    if (code !== 0) throw new Error(`go install ${spec} failed (exit code ${code}):\n${output.slice(-20).join('\n')}`);
    await rename(join(staging, basename(target)), target);
    log(`Built ${what} in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    await rm(staging, { recursive: true, force: true });
  }
}

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Takes the lock directory of a build (mkdir is atomic: exactly one process creates it), waiting
 * while another live process holds it and removing one whose owner is gone.
 */
export async function acquireBuildLock(lock: string, what: string, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_LIMIT_MS;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lock);
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
      log(`Another process is building ${what} (lock ${lock}); waiting for it…`);
      announced = true;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock}; remove it if no build is running`);
    await sleep(LOCK_POLL_MS);
  }
}

/** Whether a live build holds the lock (a stale lock is removed). */
export async function isBuildLocked(lock: string): Promise<boolean> {
  if (!(await pathExists(lock))) return false;
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

export async function findOnPath(name: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

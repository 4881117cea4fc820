import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A process `npm start` runs, written to `<runDir>/<name>.pid` while it runs, so that whoever
 * finds it after `npm start` died (its watchdog, or the next `npm start`) can stop it.
 */
export interface RecordedProcess {
  name: string;
  pid: number;
  /** Kernel start time (Linux, /proc), so a pid reused by an unrelated process is never signalled. */
  startTime: string | null;
  /** The signal that asks it to stop (Postgres: SIGINT, a fast shutdown). */
  stopSignal: NodeJS.Signals;
  /** Signal the leader only (Postgres stops its own children in order); the group is killed after the timeout. */
  leaderOnly: boolean;
}

const STOP_TIMEOUT_MS = 10_000;

/** The start time of a process as the kernel counts it, or null where /proc is unavailable or it is gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) in parentheses; starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the recorded process still runs (and is the same process, where /proc tells). */
export function isAlive(record: Pick<RecordedProcess, 'pid' | 'startTime'>): boolean {
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (isZombie(record.pid)) return false; // exited, waiting for its parent to reap it
  return record.startTime === null || processStartTime(record.pid) === record.startTime;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export async function recordProcess(runDir: string, record: Omit<RecordedProcess, 'startTime'>): Promise<void> {
  await mkdir(runDir, { recursive: true });
  const full: RecordedProcess = { ...record, startTime: processStartTime(record.pid) };
  await writeFile(join(runDir, `${record.name}.pid`), `${JSON.stringify(full)}\n`);
}

export async function forgetProcess(runDir: string, name: string): Promise<void> {
  await rm(join(runDir, `${name}.pid`), { force: true });
}

export async function recordedProcesses(runDir: string): Promise<RecordedProcess[]> {
  const names = await readdir(runDir).catch(() => [] as string[]);
  const records: RecordedProcess[] = [];
  for (const file of names.filter((name) => name.endsWith('.pid'))) {
    try {
      records.push(JSON.parse(await readFile(join(runDir, file), 'utf8')) as RecordedProcess);
    } catch {
      await rm(join(runDir, file), { force: true }); // half-written by a process killed while writing it
    }
  }
  return records;
}

/**
 * Stops every recorded process still running, in `order` (names not in it last), each with
 * its stop signal and, after a timeout, SIGKILL to its process group; removes their pid
 * files. Returns the names of those that were running.
 */
export async function stopRecordedProcesses(
  runDir: string,
  order: readonly string[],
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const records = await recordedProcesses(runDir);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const stopped: string[] = [];
  for (const record of records.sort((a, b) => rank(a.name) - rank(b.name))) {
    if (isAlive(record)) {
      log(`stopping the ${record.name} (pid ${record.pid}) left running by an earlier npm start…`);
      await stopProcess(record);
      stopped.push(record.name);
    }
    await forgetProcess(runDir, record.name);
  }
  return stopped;
}

async function stopProcess(record: RecordedProcess): Promise<void> {
  signal(record.leaderOnly ? record.pid : -record.pid, record.stopSignal);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(record) && Date.now() < deadline) await sleep(100);
  signal(-record.pid, 'SIGKILL'); // what is left of its group, or the process itself if it would not stop
  while (isAlive(record)) await sleep(50);
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // ESRCH: already gone.
  }
}

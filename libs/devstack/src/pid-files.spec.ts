import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive, processStartTime, recordedProcesses, recordProcess, stopRecordedProcesses } from './pid-files';

/** A process group like the ones npm start runs: a leader with a child of its own. */
function spawnGroup(): ChildProcess {
  const child = spawn('sh', ['-c', 'sleep 60 & sleep 60'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('pid files of npm start', () => {
  let runDir: string;
  const started: ChildProcess[] = [];

  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'jiebang-run-'));
  });

  afterEach(async () => {
    for (const child of started.splice(0)) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already stopped by the test
      }
    }
    await rm(runDir, { recursive: true, force: true });
  });

  it('stops the recorded processes left running, with their groups, and forgets them', async () => {
    const leftover = spawnGroup();
    started.push(leftover);
    await recordProcess(runDir, { name: 'worker', pid: leftover.pid!, stopSignal: 'SIGTERM', leaderOnly: false });

    const stopped = await stopRecordedProcesses(runDir, ['api', 'worker']);

    expect(stopped).toEqual(['worker']);
    expect(isAlive({ pid: leftover.pid!, startTime: null })).toBe(false);
    expect(await recordedProcesses(runDir)).toEqual([]);
  });

  it('never signals a process that merely reuses a recorded pid', async () => {
    const unrelated = spawnGroup();
    started.push(unrelated);
    await recordProcess(runDir, { name: 'api', pid: unrelated.pid!, stopSignal: 'SIGTERM', leaderOnly: false });
    const [record] = await recordedProcesses(runDir);
    // Rewrite the record as an earlier process with the same pid would have left it.
    await writeFile(join(runDir, 'api.pid'), JSON.stringify({ ...record, startTime: '1' }));

    expect(await stopRecordedProcesses(runDir, ['api'])).toEqual([]);
    expect(isAlive({ pid: unrelated.pid!, startTime: processStartTime(unrelated.pid!) })).toBe(true);
  });

  it('has the watchdog stop the recorded processes once the supervisor is killed (kill -9 of npm start)', async () => {
    const supervisor = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const service = spawnGroup();
    started.push(supervisor, service);
    await recordProcess(runDir, { name: 'temporal', pid: service.pid!, stopSignal: 'SIGTERM', leaderOnly: false });
    const watchdog = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(__dirname, 'orphan-watchdog.ts'), runDir, String(supervisor.pid), 'temporal'],
      { stdio: 'ignore' },
    );
    await sleep(1_500); // the watchdog is up and watching

    supervisor.kill('SIGKILL');

    await until(() => !isAlive({ pid: service.pid!, startTime: null }));
    await until(() => watchdog.exitCode !== null);
    expect(watchdog.exitCode).toBe(0);
  });
});

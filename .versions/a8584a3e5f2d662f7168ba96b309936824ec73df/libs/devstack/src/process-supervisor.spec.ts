import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { spawnManaged, Supervisor, type ExitStatus, type SupervisedService } from './process-supervisor';

/** Running, as opposed to gone or a zombie waiting for init to reap it. */
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};

function fakeService(name: string, stopped: string[]) {
  let exit: (status: ExitStatus) => void = () => undefined;
  const service: SupervisedService = {
    name,
    stop: async () => {
      stopped.push(name);
    },
    kill: () => undefined,
    exited: new Promise<ExitStatus>((resolve) => {
      exit = resolve;
    }),
  };
  return { service, crash: (code: number) => exit({ code, signal: null }) };
}

function supervisorRecordingExits() {
  const exits: number[] = [];
  const lines: string[] = [];
  const supervisor = new Supervisor({
    log: (line) => lines.push(line),
    stopOrder: ['api', 'worker', 'temporal', 'postgres'],
    exit: ((code: number) => {
      exits.push(code);
    }) as (code: number) => never,
  });
  return { supervisor, exits, lines };
}

describe('Supervisor', () => {
  it('stops api, worker, temporal and postgres in that order, whatever order they started in', async () => {
    const stopped: string[] = [];
    const { supervisor, exits } = supervisorRecordingExits();
    for (const name of ['temporal', 'postgres', 'worker', 'api']) supervisor.add(fakeService(name, stopped).service);

    await supervisor.shutdown(0);

    expect(stopped).toEqual(['api', 'worker', 'temporal', 'postgres']);
    expect(exits).toEqual([0]);
  });

  it('brings everything down with exit code 1 when a service dies on its own', async () => {
    const stopped: string[] = [];
    const { supervisor, exits, lines } = supervisorRecordingExits();
    const worker = fakeService('worker', stopped);
    supervisor.add(fakeService('postgres', stopped).service);
    supervisor.add(worker.service);

    worker.crash(3);
    await sleep(20);

    expect(lines).toContain('worker stopped unexpectedly (exit code 3); shutting everything down');
    expect(stopped).toEqual(['worker', 'postgres']);
    expect(exits).toEqual([1]);
  });
});

describe('spawnManaged', () => {
  it('stops the process together with the processes it started', async () => {
    const lines: string[] = [];
    const child = spawnManaged('shell', {
      command: 'sh',
      args: ['-c', 'sleep 30 & echo $!; wait'],
      onLine: (line) => lines.push(line),
    });
    while (lines.length === 0) await sleep(10);
    const grandchild = Number(lines[0]);
    expect(isAlive(grandchild)).toBe(true);

    await child.stop();

    expect(child.isRunning()).toBe(false);
    await sleep(50);
    expect(isAlive(grandchild)).toBe(false);
  });

  it('kills a process that ignores the stop signal once the timeout has passed', async () => {
    const child = spawnManaged('stubborn', {
      command: 'sh',
      args: ['-c', 'trap "" TERM; echo ready; sleep 30'],
      stopTimeoutMs: 200,
    });
    await sleep(100);
    const status = await child.stop();
    expect(status.signal).toBe('SIGKILL');
  });

  it('reports a command that cannot start instead of throwing', async () => {
    const child = spawnManaged('missing', { command: '/nonexistent/binary' });
    const status = await child.exited;
    expect(status.error?.message).toMatch(/ENOENT/);
  });
});

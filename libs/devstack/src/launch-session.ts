import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort, isPortFree } from './free-port';
import { watchLaunchers } from './launchers';
import { forgetProcess, isAlive, recordedProcesses, recordProcess, stopRecordedProcesses } from './pid-files';
import { linePrefixer, paint } from './prefix-lines';
import type { ManagedProcess, Supervisor } from './process-supervisor';

/** How `npm start` and `npm run start:cluster` keep their processes: where, what, and in which order to stop them. */
export interface LaunchSessionOptions {
  /** The checkout (its `dist/` holds the orphan watchdog). */
  root: string;
  /** The data folder, named when a second start is refused. */
  data: string;
  /** Where the processes' pid files are kept. */
  run: string;
  /** How the person started it (`npm start`), for the messages. */
  command: string;
  stopOrder: string[];
  supervisor: Supervisor;
  say: (line: string) => void;
  healthTimeoutMs: number;
}

/**
 * What both start scripts do around their processes: refuse a second start on one data folder
 * and stop what a killed start left behind, record each process so a `kill -9` of the script
 * leaves nothing running (the orphan watchdog), and wait for the API to answer.
 */
export function launchSession({
  root,
  data,
  run,
  command,
  stopOrder,
  supervisor,
  say,
  healthTimeoutMs,
}: LaunchSessionOptions) {
  return {
    /** Refuses when another start runs on this folder; stops the leftovers of one that was killed. */
    async takeOverLeftovers(): Promise<void> {
      const running = (await recordedProcesses(run)).find((record) => record.name === 'supervisor' && isAlive(record));
      if (running)
        throw new Error(
          `${command} is already running (pid ${running.pid}) on ${data}; stop it first (Ctrl-C or kill ${running.pid})`,
        );
      await stopRecordedProcesses(run, stopOrder, say);
      await recordProcess(run, { name: 'supervisor', pid: process.pid, stopSignal: 'SIGTERM', leaderOnly: true });
      supervisor.add({
        name: 'supervisor-record',
        stop: () => forgetProcess(run, 'supervisor'),
        kill: () => undefined,
      });
      watchLaunchers((gone) => {
        say(`${gone}, which launched ${command}, has gone: stopping everything`);
        void supervisor.shutdown(1);
      });
    },

    /** A detached process that stops every recorded process if this one dies without cleaning up. */
    startWatchdog(): void {
      const script = join(root, 'dist/libs/devstack/src/orphan-watchdog.js');
      const watchdog = spawn(process.execPath, [script, run, String(process.pid), stopOrder.join(',')], {
        detached: true,
        stdio: 'ignore',
      });
      watchdog.unref();
      supervisor.add({
        name: 'watchdog',
        stop: async () => void watchdog.kill('SIGTERM'),
        kill: () => void watchdog.kill('SIGKILL'),
      });
    },

    /**
     * Records a started process for the watchdog and the next start; its record goes when it
     * exits, unless `keepRecord` (a replica that is started again takes its record over).
     */
    async track(
      child: ManagedProcess,
      stopSignal: NodeJS.Signals,
      { leaderOnly = false, keepRecord = false } = {},
    ): Promise<void> {
      if (child.pid === undefined) return;
      await recordProcess(run, { name: child.name, pid: child.pid, stopSignal, leaderOnly });
      if (!keepRecord) void child.exited.then(() => forgetProcess(run, child.name));
    },

    /**
     * The embedded Postgres kept in `<data>/pg`, on `$PGPORT` (5432) or a free port when that one
     * is taken, supervised and recorded like the other processes.
     */
    async startPostgres() {
      let port = Number(process.env.PGPORT ?? 5432);
      if (!(await isPortFree(port))) {
        const other = await freePort();
        say(`port ${port} is in use; the embedded Postgres listens on port ${other} instead`);
        port = other;
      }
      const started = Date.now();
      say(`starting Postgres on port ${port} (data in ${join(data, 'pg')})…`);
      const postgres = await startEmbeddedPostgres({
        dataDir: join(data, 'pg'),
        port,
        persistent: true,
        log: linePrefixer('postgres', { colour: 'blue' }),
      });
      supervisor.add({
        name: 'postgres',
        stop: postgres.stop,
        kill: () => postgres.process.kill(),
        exited: postgres.process.exited,
      });
      await this.track(postgres.process, 'SIGINT', { leaderOnly: true });
      say(`Postgres is up in ${inSeconds(Date.now() - started)}`);
      return postgres;
    },

    /** Waits until `url` answers 200, saying every 15 s what it last answered. */
    async waitForHealth(url: string): Promise<void> {
      const deadline = Date.now() + healthTimeoutMs;
      let lastAnswer = 'no answer yet';
      let nextReport = Date.now() + 15_000;
      while (Date.now() < deadline) {
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
          if (response.status === 200) return;
          lastAnswer = `${response.status} ${(await response.text()).slice(0, 300)}`;
        } catch (error) {
          lastAnswer = error instanceof Error ? error.message : String(error);
        }
        if (Date.now() > nextReport) {
          say(`still waiting for ${url} (last answer: ${lastAnswer})`);
          nextReport = Date.now() + 15_000;
        }
        await sleep(500);
      }
      throw new Error(
        `${url} did not answer 200 within ${healthTimeoutMs / 60_000} minutes (last answer: ${lastAnswer})`,
      );
    },
  };
}

/** The framed block of lines a start prints once everything is up. */
export function printBanner(lines: string[]): void {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const rule = '─'.repeat(width);
  process.stdout.write(
    `\n${paint(rule, 'green')}\n${lines.map((line) => (line ? `  ${line}` : '')).join('\n')}\n${paint(rule, 'green')}\n\n`,
  );
}

/** `12.3 s`. */
export function inSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

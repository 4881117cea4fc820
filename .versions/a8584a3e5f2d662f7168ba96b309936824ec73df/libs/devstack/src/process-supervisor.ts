import { spawn } from 'node:child_process';
import { forEachLine } from './prefix-lines';

/** How a child process ended. `error` is set when it could not be started at all. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** What to run and how to stop it. */
export interface SpawnManagedOptions {
  command: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user and group (root only), e.g. Postgres, which refuses to run as root. */
  uid?: number;
  gid?: number;
  /** Receives every line the process writes, without the trailing newline. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** The signal that asks the process to stop; SIGTERM unless given. */
  stopSignal?: NodeJS.Signals;
  /**
   * Signal only the process itself, not its process group: Postgres' postmaster stops
   * its own children in order, and signalling them directly would abort that.
   */
  signalLeaderOnly?: boolean;
  /** How long a stop may take before the process group is killed; 10 s unless given. */
  stopTimeoutMs?: number;
  /** Drop the process' output once a stop was requested (it only reports lost connections then). */
  quietWhileStopping?: boolean;
}

/** A child process in its own process group, so it can be stopped with everything it started. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Settles when the process has exited (or failed to start); never rejects. */
  readonly exited: Promise<ExitStatus>;
  isRunning(): boolean;
  /** Whether `stop()` or `kill()` was called: an exit after that is expected. */
  isStopping(): boolean;
  /** Asks the process to stop, kills its group after the timeout, and waits for its exit. */
  stop(): Promise<ExitStatus>;
  /** Kills the whole process group at once (SIGKILL). */
  kill(): void;
  /** The last lines it wrote, for error messages. */
  recentOutput(): string;
}

const RECENT_LINES = 40;
const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/**
 * Spawns a process as the leader of a new process group. A Ctrl-C in the terminal then
 * reaches only our supervisor, which stops the children in a chosen order; and stopping a
 * child also stops whatever it spawned. Should this Node process exit with children still
 * running, they are killed so none is left behind.
 */
export function spawnManaged(name: string, options: SpawnManagedOptions): ManagedProcess {
  installExitHook();
  const recent: string[] = [];
  let stopping = false;
  let running = true;
  let stopPromise: Promise<ExitStatus> | undefined;

  const child = spawn(options.command, options.args ?? [], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const record = (stream: 'stdout' | 'stderr') => (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    if (stopping && options.quietWhileStopping) return;
    options.onLine?.(line, stream);
  };
  forEachLine(child.stdout, record('stdout'));
  forEachLine(child.stderr, record('stderr'));

  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (error) => {
      if (child.pid !== undefined) return; // a failed kill(), not a failed start: 'exit' still follows
      running = false;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });

  const signalGroup = (signal: NodeJS.Signals, leaderOnly = false) => {
    if (child.pid === undefined || !running) return;
    try {
      process.kill(leaderOnly ? child.pid : -child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };

  const managed: ManagedProcess = {
    name,
    pid: child.pid,
    exited,
    isRunning: () => running,
    isStopping: () => stopping,
    stop() {
      stopPromise ??= (async () => {
        stopping = true;
        signalGroup(options.stopSignal ?? 'SIGTERM', options.signalLeaderOnly);
        const timeout = setTimeout(() => signalGroup('SIGKILL'), options.stopTimeoutMs ?? 10_000);
        const status = await exited;
        clearTimeout(timeout);
        // Whatever the leader left behind in its group goes with it.
        killGroupQuietly(child.pid);
        return status;
      })();
      return stopPromise;
    },
    kill() {
      stopping = true;
      signalGroup('SIGKILL');
    },
    recentOutput: () => recent.join('\n'),
  };

  live.add(managed);
  void exited.then(() => live.delete(managed));
  return managed;
}

/** The managed processes still running, oldest first. */
export function runningProcesses(): ManagedProcess[] {
  return [...live].filter((child) => child.isRunning());
}

/** "exit code 1", "signal SIGKILL" or the spawn error, for log lines. */
export function describeExit(status: ExitStatus): string {
  if (status.error) return `could not start: ${status.error.message}`;
  if (status.signal) return `killed by ${status.signal}`;
  return `exit code ${status.code ?? 'unknown'}`;
}

function killGroupQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty, which is the usual case.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) if (child.isRunning()) child.kill();
  });
}

/** Something the supervisor stops on shutdown, and watches for an unexpected exit. */
export interface SupervisedService {
  readonly name: string;
  stop(): Promise<unknown>;
  kill(): void;
  /** Settles when the service ended; ending before shutdown brings everything down. */
  readonly exited?: Promise<ExitStatus>;
}

/** What the supervisor needs from its surroundings. */
export interface SupervisorOptions {
  log: (line: string) => void;
  /** Names in the order they are stopped; services not named stop afterwards, newest first. */
  stopOrder: readonly string[];
  /** Ends the process; `process.exit` unless given (tests pass a stub). */
  exit?: (code: number) => never;
}

/** npm and tsx relay the terminal's Ctrl-C to us again; repeats this close are the same request. */
const SAME_SIGNAL_WINDOW_MS = 1_000;

/**
 * Owns the running services of `npm start`: stops them in a fixed order on SIGINT/SIGTERM
 * (a second Ctrl-C kills them), and shuts everything down with a non-zero exit when one of
 * them dies on its own.
 */
export class Supervisor {
  private readonly services: SupervisedService[] = [];
  private shutdownStarted: number | undefined;
  private readonly exit: (code: number) => never;

  constructor(private readonly options: SupervisorOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Whether a shutdown is under way. */
  get shuttingDown(): boolean {
    return this.shutdownStarted !== undefined;
  }

  /** Takes charge of a started service. */
  add(service: SupervisedService): void {
    this.services.push(service);
    void service.exited?.then((status) => {
      if (this.shuttingDown) return;
      this.options.log(`${service.name} stopped unexpectedly (${describeExit(status)}); shutting everything down`);
      void this.shutdown(1);
    });
  }

  /** Installs the SIGINT/SIGTERM handlers. */
  handleSignals(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.shutdownStarted === undefined) {
        this.options.log(`${signal}: stopping (press Ctrl-C again to force)`);
        void this.shutdown(0); // a stop that was asked for, and went well, is a success
        return;
      }
      if (Date.now() - this.shutdownStarted < SAME_SIGNAL_WINDOW_MS) return;
      this.options.log(`${signal} again: killing everything`);
      this.killAll();
      this.exit(130);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  /** Stops every service in order (and any child still starting), then exits with `code`. */
  async shutdown(code: number): Promise<never> {
    if (this.shutdownStarted !== undefined) return new Promise<never>(() => undefined);
    this.shutdownStarted = Date.now();
    for (const service of this.inStopOrder()) {
      this.options.log(`stopping ${service.name}…`);
      try {
        await service.stop();
      } catch (error) {
        this.options.log(`could not stop ${service.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const child of runningProcesses().reverse()) await child.stop();
    this.options.log('stopped');
    return this.exit(code);
  }

  private killAll(): void {
    for (const service of this.services) service.kill();
    for (const child of runningProcesses()) child.kill();
  }

  private inStopOrder(): SupervisedService[] {
    const named = this.options.stopOrder.flatMap((name) => this.services.filter((service) => service.name === name));
    const rest = this.services.filter((service) => !named.includes(service)).reverse();
    return [...named, ...rest];
  }
}

import { readFileSync } from 'node:fs';
import { isAlive, processStartTime } from './pid-files';

/** Commands that launch `npm start` on the way to us: npm itself, `sh -c`, tsx's own node. */
const LAUNCHER = /^(node|npm.*|sh|dash|tsx)$/;
const MAX_LAUNCHERS = 5;
const POLL_MS = 1_000;

/**
 * Calls `onGone` once when a process that launched us dies (e.g. `kill -9` of npm): the
 * supervisor then stops everything rather than run on as an orphan. Linux only (/proc);
 * elsewhere only our parent is watched.
 */
export function watchLaunchers(onGone: (description: string) => void): () => void {
  const launchers = launcherChain();
  const originalParent = process.ppid;
  const timer = setInterval(() => {
    const gone = launchers.find((launcher) => !isAlive(launcher));
    if (gone || process.ppid !== originalParent) {
      clearInterval(timer);
      onGone(gone ? `"${gone.command}" (pid ${gone.pid})` : `the parent process (pid ${originalParent})`);
    }
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function launcherChain(): Array<{ pid: number; startTime: string | null; command: string }> {
  const chain = [];
  for (let pid = process.ppid; pid > 1 && chain.length < MAX_LAUNCHERS; ) {
    const command = commandOf(pid);
    if (command === undefined || !LAUNCHER.test(command)) break;
    chain.push({ pid, startTime: processStartTime(pid), command });
    pid = parentOf(pid);
  }
  return chain;
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

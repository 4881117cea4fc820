import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: children that have exited and been waited for, seconds. */
  reaped: number;
}

/** A moment's CPU counters: per named process tree, and the whole machine. */
export interface CpuSnapshot {
  at: number;
  trees: Record<string, number>;
  machineBusy: number;
  machineTotal: number;
}

/** Pids of processes whose command line contains every one of `parts`. */
export function findPids(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const command = readOr(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
      return parts.every((part) => command.includes(part));
    });
}

/**
 * CPU seconds used so far by each named process and its descendants (those still running,
 * and those that exited and were reaped: Postgres backends), plus the machine's counters. A
 * descendant that is itself named counts for its own name only: the benchmark process starts
 * the dev server, Postgres, the worker and the API, and must not be charged for them.
 */
export function cpuSnapshot(roots: Record<string, number | undefined>): CpuSnapshot {
  const stats = allStats();
  const named = new Set(Object.values(roots).filter((pid) => pid !== undefined));
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats.values()) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const treeSeconds = (pid: number): number => {
    const root = stats.get(pid);
    if (!root) return NaN;
    const below = (stat: ProcStat): number =>
      (children.get(stat.pid) ?? [])
        .filter((child) => !named.has(child.pid))
        .reduce((sum, child) => sum + child.own + below(child), 0);
    return root.own + root.reaped + below(root);
  };
  const trees = Object.fromEntries(
    Object.entries(roots).map(([name, pid]) => [name, pid === undefined ? NaN : treeSeconds(pid)]),
  );
  const [, ...counters] = readOr('/proc/stat').split('\n')[0]!.trim().split(/\s+/);
  const ticks = counters.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return {
    at: Date.now(),
    trees,
    machineBusy: (total - idle) / TICKS_PER_SECOND,
    machineTotal: total / TICKS_PER_SECOND,
  };
}

/** "temporal 61.2 s (52% of a core), worker …; machine busy 93% (others 4.1 s)". */
export function describeCpu(before: CpuSnapshot, after: CpuSnapshot): string {
  const wall = (after.at - before.at) / 1000;
  const used = Object.keys(after.trees).map(
    (name) => [name, after.trees[name]! - (before.trees[name] ?? NaN)] as const,
  );
  const ours = used.reduce((sum, [, seconds]) => sum + (Number.isFinite(seconds) ? seconds : 0), 0);
  const busy = after.machineBusy - before.machineBusy;
  const total = after.machineTotal - before.machineTotal;
  const parts = used.map(
    ([name, seconds]) =>
      `${name} ${Number.isFinite(seconds) ? `${seconds.toFixed(1)} s (${((100 * seconds) / wall).toFixed(0)}% of a core)` : '?'}`,
  );
  return `${parts.join(', ')}; machine busy ${((100 * busy) / total).toFixed(0)}% of its cores over ${wall.toFixed(0)} s (processes not ours: ${Math.max(0, busy - ours).toFixed(1)} s)`;
}

function allStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = readOr(`/proc/${entry}/stat`);
    if (!text) continue;
    // Fields after the command name "(…)": state is field 3; ppid 4; utime 14, stime 15, cutime 16, cstime 17.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const number = (field: number) => Number(fields[field - 3]);
    stats.set(Number(entry), {
      pid: Number(entry),
      ppid: number(4),
      own: (number(14) + number(15)) / TICKS_PER_SECOND,
      reaped: (number(16) + number(17)) / TICKS_PER_SECOND,
    });
  }
  return stats;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Worker memory at district scale: 5,000 unit workflows (4 indicators each) through two months,
 * the worker as its own process with the configured cache (WORKER_MAX_CACHED_WORKFLOWS, default
 * 250), its peak RSS read from /proc, and what the small cache costs in replays (the worker's
 * own Prometheus counters: sticky cache misses are workflow tasks that had to replay the
 * history). Then the longest history of each workflow type of the cycle.
 *
 * Month 1 holds the import, the seeded reports and the pledges; month 2 is short; months 3-12
 * lie an hour ahead, so exactly two months close. Run alone: npx tsx bench/worker-memory.bench.ts
 * (BENCH_MEMORY_UNITS, BENCH_FIRST_MONTH_MS, WORKER_MAX_CACHED_WORKFLOWS to vary it).
 */
import { type Client, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { cycleWorkflowId, unitCycleWorkflowId } from '@jiebang/contracts';
import { cycleStatusQuery, signPledgeUpdate } from '@jiebang/contracts/temporal';
import { freePort } from '@jiebang/devstack/free-port';
import { mapConcurrently } from './support/concurrency';
import { generateDistrict } from './support/district';
import { formatMs, publishFigures, table, type Figure } from './support/figures';
import { importCycle } from './support/import';
import { MemorySampler } from './support/process-memory';
import { Progress, sleep } from './support/progress';
import { runWhenMain } from './support/script';
import { seedApprovedReports } from './support/seed';
import { startBenchSystem } from './support/system';

const UNITS = Number(process.env.BENCH_MEMORY_UNITS ?? 5_000);
// The worst case for the worker's memory: every outcome told at once (OUTCOME_DELIVERIES_PER_SECOND
// is read by the worker process this benchmark spawns; paced, fewer workflows are rebuilt at once).
process.env.OUTCOME_DELIVERIES_PER_SECOND ??= '1000';
const FIRST_MONTH_MS = Number(process.env.BENCH_FIRST_MONTH_MS ?? 240_000);
const SECOND_MONTH_MS = 5_000;
const LATER_MONTH_MS = 3_600_000;
const TARGET_MB = 1_024;
const PLEDGE_CONCURRENCY = 32;
const GIVE_UP_MS = 20 * 60_000;
const POLICY = {
  pledgeDeadline: '2h',
  reminderOffsets: ['1h'],
  reportWindow: '2h',
  reviewDeadline: '1m',
  appealWindow: '100ms',
  approvalDeadline: '1h',
  resubmitDeadline: '1h',
};

async function main(): Promise<void> {
  const progress = new Progress();
  // The worker inherits the environment: its Prometheus endpoint tells the replays.
  const metricsAddress = `127.0.0.1:${await freePort()}`;
  process.env.WORKER_METRICS_ADDRESS = metricsAddress;
  progress.say(
    `worker memory: ${UNITS} units through two months, cache ${process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 250} workflows`,
  );
  const system = await startBenchSystem(progress, 'bench-worker-memory');
  const memory = new MemorySampler(system.workerPid);
  try {
    const startedAt = Date.now();
    const boundaries = [startedAt, startedAt + FIRST_MONTH_MS, startedAt + FIRST_MONTH_MS + SECOND_MONTH_MS];
    for (let month = 3; month <= 12; month++) boundaries.push(boundaries[month - 1]! + LATER_MONTH_MS);
    const periods = boundaries.slice(0, 12).map((start, index) => ({
      start: new Date(start).toISOString(),
      end: new Date(boundaries[index + 1]!).toISOString(),
    }));
    const district = generateDistrict({
      name: 'Bench worker memory',
      year: 2026,
      periods,
      policy: POLICY,
      shape: { units: UNITS, indicatorsPerUnit: 4, categories: 5 },
    });
    const imported = await importCycle(system, district.scenario);
    progress.say(`imported ${UNITS} units in ${formatMs(imported.ms)}`);
    for (const month of [1, 2])
      await seedApprovedReports(system.db, imported.cycleId, month, district.reportsOf(month));
    const before = await scrape(metricsAddress);
    await mapConcurrently(
      district.unitIds,
      PLEDGE_CONCURRENCY,
      (unitId) => signPledge(system.client, imported.cycleId, unitId),
      (done) => progress.count('pledges signed', done, UNITS),
    );
    progress.say(`pledges signed; month 1 ends in ${formatMs(Math.max(0, boundaries[1]! - Date.now()))}`);
    const closedAt = await waitForTwoMonths(system.client, progress, imported.cycleId, memory, startedAt);
    // The outcomes reach every unit after the close; give the unit workflows time to take them.
    await sleep(15_000);
    memory.stop();
    const after = await scrape(metricsAddress);
    const histories = await longestHistories(system.client, imported.cycleId);

    const misses = delta(after, before, 'temporal_sticky_cache_miss');
    const hits = delta(after, before, 'temporal_sticky_cache_hit');
    const evictions = delta(after, before, 'temporal_sticky_cache_total_forced_eviction');
    const replayMs = delta(after, before, 'temporal_workflow_task_replay_latency_sum');
    const replays = delta(after, before, 'temporal_workflow_task_replay_latency_count');
    process.stdout.write(
      `\n${table(
        ['workflow type', 'workflows', 'runs', 'longest history of a run (events)', 'its workflow'],
        histories.map((row) => [row.type, String(row.count), String(row.runs), String(row.longest), row.workflowId]),
      )}\n`,
    );
    process.stdout.write(
      [
        `worker peak RSS: ${memory.kernelPeakMb.toFixed(0)} MB (VmHWM; target < ${TARGET_MB} MB), sampled peak ${memory.peakSampledMb.toFixed(0)} MB`,
        `two months closed ${closedAt === undefined ? 'NOT within the time allowed' : `${formatMs(closedAt - startedAt)} after the import`}`,
        `replays: ${misses} workflow tasks missed the cache (of ${misses + hits}), ${evictions} forced evictions; ${replays} replays took ${formatMs(replayMs)} in all`,
      ].join('\n') + '\n',
    );
    const figures: Figure[] = [
      {
        name: `worker peak RSS, ${UNITS} units through two months`,
        value: memory.kernelPeakMb,
        unit: 'MB',
        target: { limit: TARGET_MB, strict: true, label: '< 1 GiB' },
        note: `cache ${process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 250} workflows per Worker`,
      },
      {
        name: 'worker memory: workflow tasks that replayed (cache misses)',
        value: misses,
        unit: 'tasks',
        note: `${evictions} forced evictions; ${hits} cache hits`,
      },
      { name: 'worker memory: time spent replaying', value: replayMs, unit: 'ms' },
      ...histories.map((row) => ({
        name: `longest history: ${row.type}`,
        value: row.longest,
        unit: 'events',
        note: `${row.workflowId}; ${row.count} workflows, ${row.runs} runs`,
      })),
    ];
    publishFigures(figures);
  } finally {
    memory.stop();
    await system.stop();
  }
}

async function waitForTwoMonths(
  client: Client,
  progress: Progress,
  cycleId: string,
  memory: MemorySampler,
  startedAt: number,
): Promise<number | undefined> {
  const cycle = client.workflow.getHandle(cycleWorkflowId(cycleId));
  while (Date.now() - startedAt < GIVE_UP_MS) {
    const status = await cycle.query(cycleStatusQuery).catch(() => undefined);
    const final = status?.months.filter((month) => month.stage === 'final' || month.stage === 'published').length ?? 0;
    progress.say(
      `months final ${final}/2 · worker RSS ${memory.lastMb.toFixed(0)} MB (peak ${memory.peakSampledMb.toFixed(0)})`,
    );
    if (final >= 2) return Date.now();
    await sleep(5_000);
  }
  return undefined;
}

/** Signs a unit's pledge; an Update whose RPC timed out on the loaded stack is sent again (a second signature is refused). */
async function signPledge(client: Client, cycleId: string, unitId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).executeUpdate(signPledgeUpdate, {
        args: [{ actor: { userId: `head-${unitId}`, roles: ['UNIT_HEAD'], unitId } }],
      });
      return;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) return; // PLEDGE_ALREADY_SIGNED: the earlier attempt went through
      if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) || attempt === 5) throw error;
    }
  }
}

interface HistoryRow {
  type: string;
  /** Workflows (ids) of the type. */
  count: number;
  /** Their runs: a unit's year continues as new at each month boundary. */
  runs: number;
  longest: number;
  workflowId: string;
}

/**
 * The longest history of one run of each workflow type of the cycle: visibility lists every run
 * (a workflow that continued as new has several), a describe of each tells its current length
 * (visibility counts a running workflow's history only at its close).
 */
export async function longestHistories(client: Client, cycleId: string): Promise<HistoryRow[]> {
  const listed: Array<{ workflowId: string; runId: string; type: string }> = [];
  for await (const workflow of client.workflow.list({ query: `CycleId = "${cycleId}"` }))
    listed.push({ workflowId: workflow.workflowId, runId: workflow.runId, type: workflow.type });
  const lengths = await mapConcurrently(listed, 16, async (workflow) => ({
    ...workflow,
    length: (await client.workflow.getHandle(workflow.workflowId, workflow.runId).describe()).historyLength,
  }));
  const rows = new Map<string, HistoryRow & { ids: Set<string> }>();
  for (const workflow of lengths) {
    const row = rows.get(workflow.type) ?? {
      type: workflow.type,
      count: 0,
      runs: 0,
      longest: 0,
      workflowId: '',
      ids: new Set<string>(),
    };
    row.ids.add(workflow.workflowId);
    row.count = row.ids.size;
    row.runs += 1;
    if (workflow.length > row.longest)
      Object.assign(row, { longest: workflow.length, workflowId: `${workflow.workflowId} (run ${workflow.runId})` });
    rows.set(workflow.type, row);
  }
  return [...rows.values()].map(({ ids: _ids, ...row }) => row).sort((a, b) => a.type.localeCompare(b.type));
}

/** The worker's Prometheus counters, summed over their labels. */
async function scrape(address: string): Promise<Map<string, number>> {
  const text = await fetch(`http://${address}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
    if (match) sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + Number(match[2]));
  }
  return sums;
}

function delta(after: Map<string, number>, before: Map<string, number>, name: string): number {
  return (after.get(name) ?? 0) - (before.get(name) ?? 0);
}

runWhenMain(module, 'worker memory', main);

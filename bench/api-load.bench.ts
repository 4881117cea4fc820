/**
 * The API under load: report saves (PUT .../reports/:month, a draft: written straight to the
 * stored report with its audit row, group-committed) and reads (GET, from Postgres) at a fixed
 * 400 requests a second for 10 s each, on 127.0.0.1, spread over 40 units' reporters, in two
 * shapes: autocannon's `overallRate`, whose connections each send their share at the start of
 * every second (so bursts of CONNECTIONS requests at once), and an evenly paced open-loop load
 * (one request every 2.5 ms). Each measured run follows a second of warm-up that is not counted.
 * Prints p50, p99 and errors of each; the target is a save p99 under 50 ms with no error.
 *
 * Run alone: npx tsx bench/api-load.bench.ts (BENCH_LOAD_RATE, BENCH_LOAD_SECONDS, BENCH_LOAD_UNITS).
 */
import autocannon from 'autocannon';
import { unitCycleWorkflowId } from '@jiebang/contracts';
import { signPledgeUpdate } from '@jiebang/contracts/temporal';
import { signIn } from '../test/support/jiebang';
import { ensureTestUser, TEST_PASSWORD } from '../test/support/users';
import { mapConcurrently } from './support/concurrency';
import { generateDistrict, periodsFrom } from './support/district';
import { publishFigures, table, type Figure } from './support/figures';
import { cpuSnapshot, describeCpu, type CpuSnapshot } from './support/process-cpu';
import { importCycle } from './support/import';
import { pacedLoad, type PacedRequest } from './support/paced-load';
import { Progress, waitFor } from './support/progress';
import { runWhenMain } from './support/script';
import { startBenchSystem, type BenchSystem } from './support/system';

const RATE = Number(process.env.BENCH_LOAD_RATE ?? 400);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const UNITS = Number(process.env.BENCH_LOAD_UNITS ?? 40);
/** Enough that the offered rate holds even when each save takes a few hundred ms. */
const CONNECTIONS = 100;
const SAVE_P99_TARGET_MS = 50;
/**
 * Before each measured run, this long of the same requests, evenly paced and not counted: it opens
 * the client's sockets and lets the previous run's tail drain, so neither is counted against it.
 */
const WARMUP_SECONDS = 1;

interface Target {
  path: string;
  token: string;
  body: string;
}

async function main(): Promise<void> {
  const progress = new Progress();
  const system = await startBenchSystem(progress, 'bench-api-load');
  try {
    const targets = await prepare(system, progress);
    const rows: string[][] = [];
    const figures: Figure[] = [];
    const cpuLines: string[] = [];
    for (const kind of ['save', 'read'] as const) {
      await warmUp(system, targets, kind);
      progress.say(`${kind}s: ${RATE} requests/s for ${SECONDS} s over ${CONNECTIONS} connections (autocannon)…`);
      const cpuBefore = cpuSnapshot(system.processes);
      const result = await load(system, targets, kind);
      const cpuAfter = cpuSnapshot(system.processes);
      // On a shared machine latency says how busy it was; CPU per request says what a request costs.
      cpuLines.push(
        `${kind}s: ${cpuPerRequest(cpuBefore, cpuAfter, result.requests.total)}\n  ${describeCpu(cpuBefore, cpuAfter)}`,
      );
      const errors = result.errors + result.timeouts + result.non2xx;
      rows.push([
        `${kind} (autocannon)`,
        String(result.requests.total),
        `${result.latency.p50} ms`,
        `${result.latency.p99} ms`,
        `${result.latency.max} ms`,
        `${errors} (${result.non2xx} non-2xx, ${result.timeouts} timeouts)`,
      ]);
      figures.push(
        {
          name: `API ${kind}s at ${RATE}/s: p99`,
          value: result.latency.p99,
          unit: 'ms',
          target: kind === 'save' ? { limit: SAVE_P99_TARGET_MS, strict: true, label: '< 50 ms' } : undefined,
          note: `p50 ${result.latency.p50} ms; ${result.requests.total} requests; autocannon: bursts of ${CONNECTIONS} at each second`,
        },
        {
          name: `API ${kind}s at ${RATE}/s: errors`,
          value: errors,
          unit: 'requests',
          target: kind === 'save' ? { limit: 1, strict: true, label: 'none' } : undefined,
        },
      );
      await warmUp(system, targets, kind);
      progress.say(`${kind}s: ${RATE} requests/s for ${SECONDS} s, evenly paced…`);
      const pacedCpuBefore = cpuSnapshot(system.processes);
      const paced = await evenlyPaced(system, targets, kind, SECONDS);
      const pacedCpuAfter = cpuSnapshot(system.processes);
      cpuLines.push(
        `${kind}s, paced: ${cpuPerRequest(pacedCpuBefore, pacedCpuAfter, paced.requests)}\n  ${describeCpu(pacedCpuBefore, pacedCpuAfter)}`,
      );
      const pacedErrors = paced.errors + paced.timeouts + paced.non2xx;
      rows.push([
        `${kind} (paced)`,
        String(paced.requests),
        `${paced.latency.p50} ms`,
        `${paced.latency.p99} ms`,
        `${Math.round(paced.latency.max)} ms`,
        `${pacedErrors} (${paced.non2xx} non-2xx, ${paced.timeouts} timeouts${connectionErrors(paced.errorCodes)})`,
      ]);
      figures.push(
        {
          name: `API ${kind}s at ${RATE}/s evenly paced: p99`,
          value: paced.latency.p99,
          unit: 'ms',
          target: kind === 'save' ? { limit: SAVE_P99_TARGET_MS, strict: true, label: '< 50 ms' } : undefined,
          note: `p50 ${paced.latency.p50} ms; ${paced.requests} requests, one every ${1000 / RATE} ms`,
        },
        {
          name: `API ${kind}s at ${RATE}/s evenly paced: errors`,
          value: pacedErrors,
          unit: 'requests',
          target: kind === 'save' ? { limit: 1, strict: true, label: 'none' } : undefined,
        },
      );
    }
    process.stdout.write(`\n${table(['kind', 'requests', 'p50', 'p99', 'max', 'errors'], rows)}\n`);
    process.stdout.write(`CPU per request, by process:\n${cpuLines.join('\n')}\n`);
    if (system.apiErrors.length > 0) process.stdout.write(`API error lines:\n${system.apiErrors.join('\n')}\n`);
    publishFigures(figures);
  } finally {
    await system.stop();
  }
}

/** A cycle whose month 1 is over (its report window open), pledges signed, one signed-in reporter per unit. */
async function prepare(system: BenchSystem, progress: Progress): Promise<Target[]> {
  const district = generateDistrict({
    name: 'Bench API load',
    year: 2026,
    periods: periodsFrom(Date.now() + 15_000, 1_000, 3_600_000),
    policy: { pledgeDeadline: '2h', reminderOffsets: ['1h'], reportWindow: '2h', reviewDeadline: '2h' },
    shape: { units: UNITS, indicatorsPerUnit: 10, categories: 5 },
  });
  const { cycleId } = await importCycle(system, district.scenario);
  await mapConcurrently(district.unitIds, 16, (unitId) =>
    system.client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).executeUpdate(signPledgeUpdate, {
      args: [{ actor: { userId: `head-${unitId}`, roles: ['UNIT_HEAD'], unitId } }],
    }),
  );
  progress.say('pledges signed; waiting for month 1 to end and its report windows to open…');
  await waitFor(
    'the month-1 report rows',
    async () => {
      const { rows } = await system.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM reports WHERE cycle_id = $1 AND month = 1',
        [cycleId],
      );
      return Number(rows[0]?.n) === UNITS ? true : undefined;
    },
    { timeoutMs: 120_000 },
  );
  const reports = district.reportsOf(1);
  return mapConcurrently(district.unitIds, 8, async (unitId) => {
    const reporter = { user: `reporter-${unitId}`, roles: ['UNIT_REPORTER'], unit: unitId };
    await ensureTestUser(system.databaseUrl, reporter);
    const { accessToken } = await signIn(system.baseUrl, reporter.user, TEST_PASSWORD);
    return {
      path: `/cycles/${cycleId}/units/${unitId}/reports/1`,
      token: accessToken,
      body: JSON.stringify({ values: reports[unitId], submit: false }),
    };
  });
}

/** "api 3.1 ms, postgres 1.2 ms, temporal 0.0 ms, worker 0.0 ms" of CPU per request. */
function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): string {
  return Object.keys(after.trees)
    .filter((name) => name !== 'benchmark')
    .map((name) => {
      const seconds = after.trees[name]! - (before.trees[name] ?? NaN);
      return `${name} ${Number.isFinite(seconds) && requests > 0 ? ((1000 * seconds) / requests).toFixed(1) : '?'} ms`;
    })
    .join(', ');
}

/** ", 1 ECONNRESET" for the connections that failed, or nothing. */
function connectionErrors(codes: Record<string, number>): string {
  return Object.entries(codes)
    .map(([code, count]) => `, ${count} ${code}`)
    .join('');
}

/** The requests of a kind, round-robin over the units' reporters. */
function nextRequest(targets: Target[], kind: 'save' | 'read'): () => PacedRequest {
  let next = 0;
  return () => {
    const target = targets[next++ % targets.length]!;
    return {
      method: kind === 'save' ? 'PUT' : 'GET',
      path: target.path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: kind === 'save' ? target.body : undefined,
    };
  };
}

function evenlyPaced(system: BenchSystem, targets: Target[], kind: 'save' | 'read', seconds: number) {
  return pacedLoad({
    baseUrl: system.baseUrl,
    rate: RATE,
    seconds,
    connections: CONNECTIONS,
    timeoutMs: 15_000,
    next: nextRequest(targets, kind),
  });
}

async function warmUp(system: BenchSystem, targets: Target[], kind: 'save' | 'read'): Promise<void> {
  await evenlyPaced(system, targets, kind, WARMUP_SECONDS);
}

function load(system: BenchSystem, targets: Target[], kind: 'save' | 'read'): Promise<autocannon.Result> {
  const next = nextRequest(targets, kind);
  return autocannon({
    url: system.baseUrl,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
    timeout: 15,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
}

runWhenMain(module, 'API load', main);

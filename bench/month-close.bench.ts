/**
 * Month close for 1,000 units against the bare cost of what a close must do, on one dev server
 * and one Postgres (the built Jiebang worker and API each in their own process), or with
 * BENCH_TOPOLOGY=cluster on `npm run start:cluster`'s production topology (the Temporal server on
 * Postgres, two workers, two APIs behind the proxy; the baseline's worker connects to that server).
 *
 * (a) Baseline: 1,000 trivial workflows (bench/workflows) on their own task queue, with their
 *     own worker (default options, like Jiebang's) in this process; timed: one bulk INSERT of
 *     1,000 month_scores-shaped rows (`rankMonth` writes month_scores in one INSERT), then 1,000
 *     signals carrying a month outcome, in batches of 32 as `deliverOutcomes` sends them, until
 *     a sample of the workflows has processed its signal.
 * (b) Jiebang: a generated cycle imported through POST /cycles, month 1's approved reports
 *     seeded into `reports` (setup), then timed: POST /cycles/:id/months/1/close until the
 *     month is final (finaliseMonth completed: every read finds it in Postgres) and every unit
 *     that must act on its outcome (a case fired, a report not approved) has taken it. The other
 *     units are then told at a pace (OUTCOME_DELIVERIES_PER_SECOND); the time until every unit
 *     was told is printed beside it ("all told"), with the CPU it took.
 *
 * "Every unit has its outcome" is read without adding load that would dominate: the cycle
 * workflow's history (read every 250 ms) shows `deliverOutcomes` completed, which happens only
 * once the server has accepted all 1,000 signals (they are in every unit's history); then a
 * sample of 20 unit workflows must show in their histories a workflow task completed after the
 * outcome's signal (read from the server: a Query would load each sampled workflow into the
 * worker's cache while the close runs). All 1,000 are checked by Query afterwards, untimed. The
 * baseline ends the same way. The worker's cache hits and misses (its Prometheus metrics) and the
 * Queries the dev server was sent are counted over the timed part.
 * Each round uses a fresh cycle; its workflows are terminated after it, so rounds do not share
 * the worker's cache.
 *
 * Run alone: npx tsx bench/month-close.bench.ts (BENCH_REPETITIONS=1 for one round,
 * BENCH_TOPOLOGY=cluster for the cluster).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import type { Client as PgClient } from 'pg';
import { resolve } from 'node:path';
import { workflowBundlerOptions } from '@jiebang/temporal';
import { cycleIdFor } from '../apps/api/src/cycles/cycle-id';
import { cycleWorkflowId, unitCycleWorkflowId, type MonthOutcome } from '@jiebang/contracts';
import { cycleStatusQuery, monthOutcomeSignal, unitStatusQuery } from '@jiebang/contracts/temporal';
import { inBatches, mapConcurrently } from './support/concurrency';
import { BENCH_DISTRICT, generateDistrict, periodsFrom } from './support/district';
import { formatMs, formatValue, median, publishFigures, table, type Figure } from './support/figures';
import { runWhenMain } from './support/script';
import { historyTimes, lastCompleted, signalProcessed, type HistoryTimes } from './support/history';
import { cpuSnapshot, describeCpu } from './support/process-cpu';
import { cacheFigures, describeCache, scrapeMetrics, type WorkflowCacheFigures } from './support/metrics';
import { importCycle } from './support/import';
import { Progress, sleep, waitFor } from './support/progress';
import { seedApprovedReports } from './support/seed';
import { pacedLoad, type PacedLoadResult } from './support/paced-load';
import { signIn } from '../test/support/jiebang';
import { ensureTestUser, TEST_PASSWORD } from '../test/support/users';
import { startBenchSystem, type BenchSystem } from './support/system';
import { benchMonthsReceivedQuery, benchOutcomeSignal, outcomeSinkWorkflow } from './workflows/outcome-sink.workflow';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
/** `DELIVERY_CONCURRENCY` of activities/cycle.activities.ts (not exported there). */
const DELIVERY_BATCH = 32;
/** Unit workflows whose history must show the outcome processed before the clock stops. */
const SAMPLE_SIZE = 20;
/** Parallel Queries, starts and terminations in the untimed setup and checks. */
const SETUP_CONCURRENCY = 32;
const TARGET_RATIO = 1.5;
/** A unit's page read (GET /cycles/:id/units/:unit) this often while the month closes, round-robin over the units. */
const READ_RATE = Number(process.env.BENCH_CLOSE_READ_RATE ?? 50);
/** For this long from the close request: longer than the close itself on this machine. */
const READ_SECONDS = 15;
const READ_P99_TARGET_MS = 100;
/** The API answers 503 after API_REQUEST_TIMEOUT_MS; a read later than this is counted as timed out. */
const READ_TIMEOUT_MS = 10_000;
/**
 * How often the cycle's history is read while the close runs: rarely enough not to load the
 * dev server the baseline does not load. The sample check that follows ends the clock.
 */
const HISTORY_POLL_MS = 250;
const YEAR = 2026;
/**
 * Month 1 ends a second after the scenario is made; months 2-12 are an hour long so nothing
 * else happens in the cycle while it is measured. Deadlines are far away, so the month closes
 * only when the assessor says so: the pledge is left unsigned (the close does not need it).
 */
const CLOSE_POLICY = {
  pledgeDeadline: '2h',
  reminderOffsets: ['1h'],
  reportWindow: '1h',
  reviewDeadline: '2h',
  appealWindow: '50ms',
  approvalDeadline: '2h',
};
/**
 * The cycle checks a collecting month when a report settles (signalled by the activity that wrote
 * it) and otherwise every 10 minutes at this policy (a minute before cycle-readiness-by-signals).
 * The seeded reports are all approved and written straight to Postgres (no signal), so they go in
 * only when the last check is at most this old, and the close is asked for well before the next
 * check could close the month by itself.
 */
const SEED_WITHIN_MS_OF_CHECK = 5 * 60_000;

interface BaselineRound {
  totalMs: number;
  insertMs: number;
  signalMs: number;
  sampleMs: number;
}

interface CloseRound {
  /** Request to the month final and every unit that must act on its outcome told. */
  totalMs: number;
  /** Request to every unit told (the paced ones too). */
  allToldMs: number;
  importMs: number;
  serverMs: number;
  breakdown: string;
  cache: WorkflowCacheFigures;
  reads: PacedLoadResult;
}

async function main(): Promise<void> {
  const progress = new Progress();
  const { units, indicatorsPerUnit, categories } = BENCH_DISTRICT;
  progress.say(
    `month close: ${units} units × ${indicatorsPerUnit} indicators in ${categories} categories; ${REPETITIONS} round(s) of baseline then Jiebang`,
  );
  const system = await startBenchSystem(progress, 'bench-month-close');
  const baselineWorker = await startBaselineWorker(system, progress);
  try {
    await createBaselineTable(system.db);
    const baseline: BaselineRound[] = [];
    const closes: CloseRound[] = [];
    for (let round = 1; round <= REPETITIONS; round++) {
      progress.say(`— round ${round}/${REPETITIONS}: baseline —`);
      baseline.push(await measureBaseline(system, progress, round));
      progress.say(`— round ${round}/${REPETITIONS}: Jiebang month close —`);
      closes.push(await measureClose(system, progress, round));
    }
    report(baseline, closes, system);
  } finally {
    progress.say('stopping the baseline worker…');
    baselineWorker.worker.shutdown();
    await baselineWorker.running.catch(() => undefined);
    await system.stop();
  }
}

// ---- (a) the baseline ---------------------------------------------------------------------

const BASELINE_QUEUE = 'bench-baseline';

async function startBaselineWorker(
  system: BenchSystem,
  progress: Progress,
): Promise<{ worker: Worker; running: Promise<void> }> {
  progress.say(`starting the baseline worker (task queue ${BASELINE_QUEUE}, default options like Jiebang's)…`);
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    logger: new DefaultLogger('WARN'),
    ...workflowBundlerOptions(resolve(__dirname, '..')),
  });
  const worker = await Worker.create({
    connection: system.nativeConnection,
    namespace: 'default',
    taskQueue: BASELINE_QUEUE,
    workflowBundle,
  });
  return { worker, running: worker.run() };
}

async function createBaselineTable(db: PgClient): Promise<void> {
  await db.query('CREATE TABLE bench_month_scores (LIKE month_scores INCLUDING ALL)');
}

async function measureBaseline(system: BenchSystem, progress: Progress, round: number): Promise<BaselineRound> {
  const { client, db } = system;
  const ids = Array.from(
    { length: BENCH_DISTRICT.units },
    (_, index) => `bench-baseline/r${round}/u${String(index + 1).padStart(4, '0')}`,
  );
  progress.say(`starting ${ids.length} trivial workflows (untimed)…`);
  await mapConcurrently(
    ids,
    16,
    (workflowId) => client.workflow.start(outcomeSinkWorkflow, { taskQueue: BASELINE_QUEUE, workflowId }),
    (done) => progress.count('trivial workflows started', done, ids.length),
  );
  await waitAllAnswer(progress, 'trivial workflows running', ids, (id) =>
    client.workflow.getHandle(id).query(benchMonthsReceivedQuery),
  );

  const rows = baselineRows(round);
  const cpuBefore = cpuSnapshot(system.processes);
  const outcomes = ids.map((id, unit): [string, MonthOutcome] => [
    id,
    {
      month: 1,
      version: 1,
      score: 90 + (unit % 10),
      rank: unit + 1,
      lagging: false,
      vetoed: false,
      reported: true,
      cases: [],
    },
  ]);
  const startedAt = performance.now();
  await db.query(bulkInsertSql(rows.length), rows.flat());
  const insertedAt = performance.now();
  await inBatches(outcomes, DELIVERY_BATCH, ([id, outcome]) =>
    client.workflow.getHandle(id).signal(benchOutcomeSignal, outcome),
  );
  const signalledAt = performance.now();
  await waitSample(ids, (id) => signalProcessed(client.workflow.getHandle(id), benchOutcomeSignal.name));
  const doneAt = performance.now();

  const result = {
    totalMs: doneAt - startedAt,
    insertMs: insertedAt - startedAt,
    signalMs: signalledAt - insertedAt,
    sampleMs: doneAt - signalledAt,
  };
  progress.say(
    `baseline ${formatMs(result.totalMs)} = insert ${rows.length} rows ${formatMs(result.insertMs)} + ${ids.length} signals ${formatMs(result.signalMs)} + sample of ${SAMPLE_SIZE} processed ${formatMs(result.sampleMs)}`,
  );
  progress.say(
    `CPU while timed (the baseline worker runs in the benchmark process): ${describeCpu(cpuBefore, cpuSnapshot(system.processes))}`,
  );
  const received = await countConfirmed(ids, async (id) =>
    (await client.workflow.getHandle(id).query(benchMonthsReceivedQuery)).includes(1),
  );
  progress.say(`checked (untimed): ${received}/${ids.length} trivial workflows hold their outcome; terminating them…`);
  await mapConcurrently(ids, SETUP_CONCURRENCY, (id) =>
    client.workflow.getHandle(id).terminate('benchmark round done'),
  );
  return result;
}

/** 1,000 rows shaped like month_scores (10 indicator scores each), for one INSERT. */
function baselineRows(round: number): unknown[][] {
  return Array.from({ length: BENCH_DISTRICT.units }, (_, index) => {
    const indicators = Array.from({ length: BENCH_DISTRICT.indicatorsPerUnit }, (_, position) => ({
      indicator: `u${index}-i${position}`,
      d: 95 + (position % 5),
      light: 'yellow',
    }));
    return [
      `baseline-r${round}`,
      1,
      1,
      `u${String(index + 1).padStart(4, '0')}`,
      `c${(index % BENCH_DISTRICT.categories) + 1}`,
      90 + (index % 100) / 10,
      index + 1,
      false,
      false,
      true,
      JSON.stringify(indicators),
    ];
  });
}

function bulkInsertSql(rowCount: number): string {
  const columns = [
    'cycle_id',
    'month',
    'version',
    'unit_id',
    'category_id',
    'score',
    'rank',
    'lagging',
    'vetoed',
    'reported',
    'indicators',
  ];
  const values = Array.from(
    { length: rowCount },
    (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
  );
  return `INSERT INTO bench_month_scores (${columns.join(', ')}) VALUES ${values.join(', ')}`;
}

// ---- (b) Jiebang's month close ------------------------------------------------------------

async function measureClose(system: BenchSystem, progress: Progress, round: number): Promise<CloseRound> {
  const { client, call, db } = system;
  const name = `Bench month close r${round}`;
  const cycleId = cycleIdFor(YEAR, name);
  const district = generateDistrict({
    name,
    year: YEAR,
    periods: periodsFrom(Date.now(), 1_000, 3_600_000),
    policy: CLOSE_POLICY,
  });
  const unitIds = district.unitIds;

  progress.say(
    `importing ${unitIds.length} units (${district.scenario.indicators.length} indicators) through POST /cycles…`,
  );
  const imported = await whileCounting(importCycle(system, district.scenario), async () =>
    progress.count('workflows started', await countWorkflows(client, cycleId), unitIds.length + 1),
  );
  const importMs = imported.ms;
  progress.say(`imported in ${formatMs(importMs)}: ${imported.workflowsStarted} unit workflows started`);

  const unitHandle = (unitId: string) => client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId));
  await waitAllAnswer(progress, 'waiting for workflows', unitIds, (unitId) =>
    unitHandle(unitId).query(unitStatusQuery),
  );
  const cycle = client.workflow.getHandle(cycleWorkflowId(cycleId));
  await waitForFreshReadinessCheck(cycle, progress);

  progress.say(`seeding month 1's ${unitIds.length} approved reports straight into \`reports\` (setup, not timed)…`);
  await seedApprovedReports(db, cycleId, 1, district.reportsOf(1));

  const token = await assessorToken(system);
  progress.say(
    `closing month 1: POST /cycles/:id/months/1/close, with unit reads at ${READ_RATE}/s for ${READ_SECONDS} s…`,
  );
  const metricsBefore = await metricsNow(system);
  const cpuBefore = cpuSnapshot(system.processes);
  let nextUnit = 0;
  const reading = pacedLoad({
    baseUrl: system.baseUrl,
    rate: READ_RATE,
    seconds: READ_SECONDS,
    connections: 20,
    timeoutMs: READ_TIMEOUT_MS,
    next: () => ({
      method: 'GET',
      path: `/cycles/${encodeURIComponent(cycleId)}/units/${unitIds[nextUnit++ % unitIds.length]}`,
      headers: { authorization: `Bearer ${token}` },
    }),
  });
  const startedAt = performance.now();
  const closed = await call('POST', `/cycles/${encodeURIComponent(cycleId)}/months/1/close`, {
    actor: system.assessor,
  });
  if (closed.status !== 200)
    throw new Error(`close failed: ${closed.status} ${JSON.stringify(closed.body).slice(0, 500)}`);
  // The close, as people meet it: the ranking final in Postgres and every unit that must act on
  // its outcome (a case fired, a report not approved) has taken it. The others are told at a pace
  // afterwards (OUTCOME_DELIVERIES_PER_SECOND), timed on their own below.
  await waitFor(
    'finaliseMonth of month 1',
    async () => (lastCompleted(await historyTimes(cycle), 'finaliseMonth') ? true : undefined),
    { timeoutMs: 300_000, intervalMs: HISTORY_POLL_MS },
  );
  const mustAct = await unitsThatMustAct(system, cycleId);
  await Promise.all(
    mustAct.map((unitId) =>
      waitFor(
        `${unitId} to take its outcome`,
        async () => ((await signalProcessed(unitHandle(unitId), monthOutcomeSignal.name)) ? true : undefined),
        { timeoutMs: 120_000, intervalMs: 20 },
      ),
    ),
  );
  const totalMs = performance.now() - startedAt;
  const cpuAtClose = cpuSnapshot(system.processes);
  const metricsAtClose = await metricsNow(system);
  const cpu = describeCpu(cpuBefore, cpuAtClose);
  const cache = cacheFigures(
    [metricsBefore.worker, metricsAtClose.worker],
    [metricsBefore.temporal, metricsAtClose.temporal],
  );
  progress.say(
    `month final and the ${mustAct.length} units that must act (cases fired) took their outcome: ${formatMs(totalMs)}`,
  );
  progress.say(`CPU while timed: ${cpu}`);
  progress.say(`while timed: ${describeCache(cache)}`);

  const times = await waitFor(
    'deliverOutcomes of month 1',
    async () => {
      const seen = await historyTimes(cycle);
      return lastCompleted(seen, 'deliverOutcomes') ? seen : undefined;
    },
    { timeoutMs: 900_000, intervalMs: HISTORY_POLL_MS },
  );
  await waitSample(unitIds, (unitId) => signalProcessed(unitHandle(unitId), monthOutcomeSignal.name));
  const allToldMs = performance.now() - startedAt;
  const tailCpu = describeCpu(cpuAtClose, cpuSnapshot(system.processes));
  const stage = (await cycle.query(cycleStatusQuery)).months[0]?.stage;
  const { serverMs, breakdown } = describeClose(times);
  progress.say(
    `every unit told ${formatMs(allToldMs)} after the request (stage ${stage}); on the server: ${breakdown}`,
  );
  progress.say(`CPU while the rest were told at a pace: ${tailCpu}`);
  const reads = await reading;
  progress.say(
    `unit reads during the close: ${reads.requests} at ${READ_RATE}/s, p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms, max ${Math.round(reads.latency.max)} ms; ${reads.non2xx} non-2xx, ${reads.timeouts} timeouts, ${reads.errors} connection errors`,
  );
  await checkClose(system, progress, cycleId, unitIds, (unitId) => unitHandle(unitId).query(unitStatusQuery));
  progress.say("terminating the round's workflows (untimed)…");
  await mapConcurrently([...unitIds.map((unitId) => unitHandle(unitId)), cycle], SETUP_CONCURRENCY, (handle) =>
    handle.terminate('benchmark round done'),
  );
  return { totalMs, allToldMs, importMs, serverMs, breakdown, cache, reads };
}

/** Units whose workflow must take the outcome at once: a case fired for them, or their report was not approved. */
async function unitsThatMustAct(system: BenchSystem, cycleId: string): Promise<string[]> {
  const { rows } = await system.db.query<{ unit_id: string }>(
    `SELECT DISTINCT fired->>'unit' AS unit_id
       FROM (SELECT cases FROM month_rankings WHERE cycle_id = $1 AND month = 1 ORDER BY version DESC LIMIT 1) AS ranking,
            jsonb_array_elements(ranking.cases) AS fired
     UNION
     SELECT unit_id FROM reports WHERE cycle_id = $1 AND month = 1 AND status <> 'approved'`,
    [cycleId],
  );
  return rows.map((row) => row.unit_id);
}

/** The benchmark's assessor, signed in over HTTP (untimed). */
async function assessorToken(system: BenchSystem): Promise<string> {
  await ensureTestUser(system.databaseUrl, system.assessor);
  return (await signIn(system.baseUrl, system.assessor.user, TEST_PASSWORD)).accessToken;
}

async function metricsNow(system: BenchSystem) {
  // The workers' samples side by side: a metric's value sums them.
  const [temporal, ...workers] = await Promise.all([
    scrapeMetrics(system.metricsUrls.temporal),
    ...system.metricsUrls.workers.map(scrapeMetrics),
  ]);
  return { worker: workers.flat(), temporal };
}

/** Waits until the cycle is collecting month 1 and its last readiness check is recent (see SEED_WITHIN_MS_OF_CHECK). */
async function waitForFreshReadinessCheck(cycle: WorkflowHandle, progress: Progress): Promise<void> {
  progress.say('waiting for the cycle workflow to collect month 1 and check its reports…');
  await waitFor(
    'a fresh readiness check of month 1',
    async () => {
      const stage = (await cycle.query(cycleStatusQuery)).months[0]?.stage;
      const check = lastCompleted(await historyTimes(cycle), 'monthReadiness');
      return stage === 'collecting' && check && Date.now() - check.completedAt! < SEED_WITHIN_MS_OF_CHECK
        ? true
        : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 200 },
  );
}

/** The close as the cycle workflow's history timed it: Update accepted to deliverOutcomes completed. */
function describeClose(times: HistoryTimes): { serverMs: number; breakdown: string } {
  const accepted = times.updatesAccepted.find((update) => update.name === 'closeMonthNow')?.at;
  const rank = lastCompleted(times, 'rankMonth');
  const finalise = lastCompleted(times, 'finaliseMonth');
  const deliver = lastCompleted(times, 'deliverOutcomes');
  const appeal = times.timers.filter((timer) => rank && timer.startedAt >= rank.completedAt!).at(0);
  if (accepted === undefined || !rank || !finalise || !deliver)
    return { serverMs: NaN, breakdown: 'history incomplete' };
  const spent = (span: { scheduledAt: number; completedAt?: number }) => span.completedAt! - span.scheduledAt;
  const serverMs = deliver.completedAt! - accepted;
  const steps = [
    `rankMonth ${formatMs(spent(rank))}`,
    appeal?.firedAt ? `appeal window ${formatMs(appeal.firedAt - appeal.startedAt)}` : 'appeal window ?',
    `finaliseMonth ${formatMs(spent(finalise))}`,
    `deliverOutcomes ${formatMs(spent(deliver))}`,
  ];
  const between =
    serverMs -
    spent(rank) -
    spent(finalise) -
    spent(deliver) -
    (appeal?.firedAt ? appeal.firedAt - appeal.startedAt : 0);
  return {
    serverMs,
    breakdown: `${formatMs(serverMs)} = ${steps.join(' + ')} + workflow tasks/queueing ${formatMs(between)}`,
  };
}

/** Untimed: every unit has its outcome, 1,000 scores were stored, and the assessor (not a deadline) closed the month. */
async function checkClose(
  system: BenchSystem,
  progress: Progress,
  cycleId: string,
  unitIds: string[],
  status: (unitId: string) => Promise<{ outcomes: MonthOutcome[] }>,
): Promise<void> {
  const confirmed = await countConfirmed(unitIds, async (unitId) =>
    (await status(unitId)).outcomes.some((outcome) => outcome.month === 1),
  );
  const scores = await system.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM month_scores WHERE cycle_id = $1 AND month = 1',
    [cycleId],
  );
  const ranking = await system.db.query<{ created_by: string; cases: number }>(
    'SELECT created_by, jsonb_array_length(cases) AS cases FROM month_rankings WHERE cycle_id = $1 AND month = 1 ORDER BY version DESC LIMIT 1',
    [cycleId],
  );
  const closedBy = ranking.rows[0]?.created_by;
  progress.say(
    `checked (untimed): ${confirmed}/${unitIds.length} units hold month 1's outcome; ${scores.rows[0]?.n} month_scores rows; closed by ${closedBy}; ${ranking.rows[0]?.cases} cases fired`,
  );
  if (confirmed !== unitIds.length)
    throw new Error(`only ${confirmed} of ${unitIds.length} units received their outcome`);
  if (closedBy !== system.assessor.user)
    throw new Error(`month 1 was closed by ${closedBy}, not by the assessor's request: the measurement is void`);
}

// ---- shared steps ---------------------------------------------------------------------------

async function waitAllAnswer(
  progress: Progress,
  label: string,
  ids: string[],
  query: (id: string) => Promise<unknown>,
): Promise<void> {
  const answered = await mapConcurrently(
    ids,
    SETUP_CONCURRENCY,
    (id) =>
      waitFor(
        `${id} to answer`,
        () =>
          query(id).then(
            () => true,
            () => undefined,
          ),
        { timeoutMs: 300_000, intervalMs: 200 },
      ),
    (done) => progress.count(label, done, ids.length),
  );
  progress.count(label, answered.length, ids.length);
}

/** Until each of SAMPLE_SIZE workflows spread over `ids` confirms. */
async function waitSample(ids: string[], confirmed: (id: string) => Promise<boolean>): Promise<void> {
  const step = Math.max(1, Math.floor(ids.length / SAMPLE_SIZE));
  const sample = ids.filter((_, index) => index % step === 0).slice(0, SAMPLE_SIZE);
  await Promise.all(
    sample.map((id) =>
      waitFor(`${id} to confirm`, async () => ((await confirmed(id)) ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 20,
      }),
    ),
  );
}

async function countConfirmed(ids: string[], confirmed: (id: string) => Promise<boolean>): Promise<number> {
  const answers = await mapConcurrently(ids, SETUP_CONCURRENCY, confirmed);
  return answers.filter(Boolean).length;
}

async function countWorkflows(client: Client, cycleId: string): Promise<number> {
  return (await client.workflow.count(`CycleId = "${cycleId}"`)).count;
}

/** Runs `tick` every second while `work` is pending. */
async function whileCounting<T>(work: Promise<T>, tick: () => Promise<void>): Promise<T> {
  let pending = true;
  const ticking = (async () => {
    while (pending) {
      await sleep(1_000);
      if (pending) await tick().catch(() => undefined);
    }
  })();
  try {
    return await work;
  } finally {
    pending = false;
    await ticking;
  }
}

// ---- the figures ----------------------------------------------------------------------------

function report(baseline: BaselineRound[], closes: CloseRound[], system: BenchSystem): void {
  const { units } = BENCH_DISTRICT;
  const rows = baseline.map((round, index) => {
    const close = closes[index]!;
    return [
      String(index + 1),
      formatMs(round.totalMs),
      formatMs(round.insertMs),
      formatMs(round.signalMs),
      formatMs(close.totalMs),
      formatMs(close.allToldMs),
      formatMs(close.serverMs),
      `${(close.totalMs / round.totalMs).toFixed(2)}×`,
      `${close.cache.cacheHits}/${close.cache.cacheMisses}`,
      String(close.cache.queries),
      formatMs(close.importMs),
    ];
  });
  process.stdout.write(
    `\n${table(
      [
        'round',
        'baseline',
        'insert',
        'signals',
        'Jiebang close',
        'all told',
        'on server',
        'ratio',
        'cache hit/miss',
        'Queries',
        'import (info)',
      ],
      rows,
    )}\n`,
  );
  const baselineMedian = median(baseline.map((round) => round.totalMs));
  const closeMedian = median(closes.map((round) => round.totalMs));
  const ratio = closeMedian / baselineMedian;
  const met = ratio <= TARGET_RATIO;
  process.stdout.write(
    `\nmedian of ${baseline.length}: baseline ${formatMs(baselineMedian)}, Jiebang month close ${formatMs(closeMedian)}, ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${met ? 'met' : 'MISSED'}\n` +
      `the Jiebang figure includes the policy's 50 ms appeal window and the HTTP round trip of the close; month 1's reports were seeded directly as approved rows (setup, untimed)\n`,
  );
  if (system.workerTrouble.count > 0)
    process.stdout.write(
      `worker wrote ${system.workerTrouble.count} warning/error line(s); last:\n  ${system.workerTrouble.last.join('\n  ')}\n`,
    );
  const figures: Figure[] = [
    { name: `baseline: ${units} signals + ${units}-row insert (median)`, value: baselineMedian, unit: 'ms' },
    {
      name: `month close, ${units} units (median)`,
      value: closeMedian,
      unit: 'ms',
      note: closes.map((round) => formatValue({ value: round.totalMs, unit: 'ms' })).join(', '),
    },
    {
      name: `every unit told its outcome (paced), ${units} units (median)`,
      value: median(closes.map((round) => round.allToldMs)),
      unit: 'ms',
      note: `at OUTCOME_DELIVERIES_PER_SECOND=${process.env.OUTCOME_DELIVERIES_PER_SECOND ?? '25 (default)'}`,
    },
    {
      name: `month close / baseline, ${units} units`,
      value: ratio,
      unit: '×',
      target: { limit: TARGET_RATIO, label: `≤ ${TARGET_RATIO}×` },
    },
    {
      name: `worker cache misses during the close, ${units} units (median)`,
      value: median(closes.map((round) => round.cache.cacheMisses)),
      unit: 'misses',
      note: `hits ${closes.map((round) => round.cache.cacheHits).join(', ')}; forced evictions ${closes.map((round) => round.cache.forcedEvictions).join(', ')}; cache ${process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 'default'}`,
    },
    {
      name: `Queries sent during the close, ${units} units (median)`,
      value: median(closes.map((round) => round.cache.queries)),
      unit: 'Queries',
    },
    {
      name: `unit reads at ${READ_RATE}/s during a ${units}-unit close: p99 (worst round)`,
      value: Math.max(...closes.map((round) => round.reads.latency.p99)),
      unit: 'ms',
      target: { limit: READ_P99_TARGET_MS, strict: true, label: `< ${READ_P99_TARGET_MS} ms` },
      note: `p50 ${closes.map((round) => round.reads.latency.p50).join(', ')} ms`,
    },
    {
      name: `unit reads during a ${units}-unit close: not 2xx or unanswered`,
      value: closes.reduce((sum, round) => sum + round.reads.non2xx + round.reads.timeouts + round.reads.errors, 0),
      unit: 'requests',
      target: { limit: 1, strict: true, label: 'none' },
    },
  ];
  publishFigures(figures);
}

runWhenMain(module, 'month-close', main);

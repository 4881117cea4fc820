/**
 * A whole year for 1,000 units (10 indicators each, 5 categories) on one dev server and one
 * Postgres, the worker running as its own process (dist/) with its memory read from /proc; or
 * with BENCH_TOPOLOGY=cluster on the production topology (two workers: the first one's memory).
 *
 * The year: the scenario is imported through POST /cycles; the approved reports of all 12
 * months are written straight into `reports` (setup standing in for 12,000 reporter and
 * assessor steps); every head signs the pledge (the signPledge Update, 32 at a time, timed on
 * its own: a unit whose pledge is unsigned never runs its months, so an unsigned district would
 * not be a real year). Month 1 is long enough for those steps; months 2-12 are a few seconds.
 * Each month closes by itself: every report is approved, so the cycle's readiness check closes
 * it as soon as the month ends (the review deadline is the backstop); it ranks, waits out the
 * appeal window, is final and tells every unit, which opens its cases. The clock runs from the
 * import until `annual_results` holds a row per unit and every month of the cycle is final.
 *
 * The worker tells outcomes unpaced here (OUTCOME_DELIVERIES_PER_SECOND=1000 unless set): its
 * months are seconds long, and at the default pace (25 a second, 40 s for 1,000 units) the year
 * would measure the pace rather than the engine. Real months are weeks apart.
 *
 * Run alone: npx tsx bench/full-year.bench.ts (BENCH_TOPOLOGY, BENCH_MONTH_MS, BENCH_FIRST_MONTH_MS,
 * BENCH_GIVE_UP_MIN and BENCH_UNITS to vary it).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { cycleWorkflowId, unitCycleWorkflowId, type CycleStatus } from '@jiebang/contracts';
import { cycleStatusQuery, signPledgeUpdate } from '@jiebang/contracts/temporal';
import { mapConcurrently } from './support/concurrency';
import { BENCH_DISTRICT, generateDistrict, periodsFrom } from './support/district';
import { formatMs, publishFigures, table, type Figure } from './support/figures';
import { runWhenMain } from './support/script';
import { historyTimes } from './support/history';
import { importCycle } from './support/import';
import { cpuSnapshot, describeCpu } from './support/process-cpu';
import { MemorySampler } from './support/process-memory';
import { Progress, sleep } from './support/progress';
import { seedApprovedReports } from './support/seed';
import { startBenchSystem, type BenchSystem } from './support/system';

const MONTH_MS = Number(process.env.BENCH_MONTH_MS ?? 2_500);
// Read by the worker process this benchmark spawns (see the file's comment).
process.env.OUTCOME_DELIVERIES_PER_SECOND ??= '1000';
/**
 * Month 1 holds the import, the seeding and the pledges, as January holds a real year's
 * pledges: on this 2-core stack, with nothing else running, those take about 75 s.
 */
const FIRST_MONTH_MS = Number(process.env.BENCH_FIRST_MONTH_MS ?? 95_000);
const PLEDGE_CONCURRENCY = 32;
const TARGET_MS = 5 * 60_000;
/** Past this the benchmark stops waiting and reports how far the year got. */
const GIVE_UP_MS = Number(process.env.BENCH_GIVE_UP_MIN ?? 25) * 60_000;
const YEAR = 2026;
/**
 * Deadlines lie beyond the run: the unit workflows never see the seeded reports, so a reminder
 * or a missed-report deadline inside the run would fire for every unit and month (an artifact
 * of the seeding, and load a real year would not have). Months therefore close by the other
 * automatic trigger, every report approved, which the cycle checks as each month ends; the
 * review deadline stays the backstop. Case approvals are due in an hour: nobody decides them.
 */
const YEAR_POLICY = {
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
  const { units, indicatorsPerUnit, categories } = BENCH_DISTRICT;
  progress.say(
    `full year: ${units} units × ${indicatorsPerUnit} indicators in ${categories} categories; month 1 ${FIRST_MONTH_MS / 1000} s, months 2-12 ${MONTH_MS / 1000} s`,
  );
  const system = await startBenchSystem(progress, 'bench-full-year');
  const memory = new MemorySampler(system.workerPid);
  try {
    await runYear(system, progress, memory);
  } finally {
    memory.stop();
    await system.stop();
  }
}

async function runYear(system: BenchSystem, progress: Progress, memory: MemorySampler): Promise<void> {
  const { client, db } = system;
  const startedAt = Date.now();
  const periods = periodsFrom(startedAt, FIRST_MONTH_MS, MONTH_MS);
  const yearEndsAt = Date.parse(periods[11]!.end);
  const monthOneEndsAt = Date.parse(periods[0]!.end);
  const district = generateDistrict({ name: 'Bench full year', year: YEAR, periods, policy: YEAR_POLICY });
  const unitIds = district.unitIds;
  const cpuAtStart = cpuSnapshot(system.processes);

  progress.say(
    `importing ${unitIds.length} units (${district.scenario.indicators.length} indicators) through POST /cycles…`,
  );
  const imported = await importCycle(system, district.scenario);
  const cycleId = imported.cycleId;
  const importMs = Date.now() - startedAt;
  progress.say(`imported in ${formatMs(importMs)}: ${imported.workflowsStarted} unit workflows started`);

  progress.say(`seeding ${12 * unitIds.length} approved reports (12 months) straight into \`reports\` (setup)…`);
  const seedStartedAt = Date.now();
  for (let month = 1; month <= 12; month++) await seedApprovedReports(db, cycleId, month, district.reportsOf(month));
  progress.say(
    `seeded in ${formatMs(Date.now() - seedStartedAt)}; ${district.weakUnitIds.length} units are generated to miss their targets`,
  );

  progress.say(`signing ${unitIds.length} pledges (signPledge Update, ${PLEDGE_CONCURRENCY} at a time)…`);
  const pledgesStartedAt = Date.now();
  await mapConcurrently(
    unitIds,
    PLEDGE_CONCURRENCY,
    (unitId) =>
      client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).executeUpdate(signPledgeUpdate, {
        args: [{ actor: { userId: `head-${unitId}`, roles: ['UNIT_HEAD'], unitId } }],
      }),
    (done) => progress.count('pledges signed', done, unitIds.length),
  );
  const pledgeMs = Date.now() - pledgesStartedAt;
  progress.say(`pledges signed in ${formatMs(pledgeMs)} (${(unitIds.length / (pledgeMs / 1000)).toFixed(1)}/s)`);
  if (Date.now() > monthOneEndsAt)
    progress.say(
      `note: the setup outlasted month 1 (${FIRST_MONTH_MS / 1000} s); units signed late run their months as soon as they sign`,
    );
  else
    progress.say(
      `month 1 ends in ${formatMs(monthOneEndsAt - Date.now())}; then a month ends every ${MONTH_MS / 1000} s`,
    );

  const cycle = client.workflow.getHandle(cycleWorkflowId(cycleId));
  const finishedAt = await waitForYearEnd(system, progress, memory, cycleId, startedAt, yearEndsAt);
  const wallMs = finishedAt === undefined ? NaN : finishedAt - startedAt;
  memory.sample();
  const cpu = describeCpu(cpuAtStart, cpuSnapshot(system.processes));

  const unitsDoneAt =
    finishedAt === undefined ? undefined : await waitForUnitsClosed(client, progress, cycleId, unitIds.length);
  const details = await yearDetails(system, cycleId, district.weakUnitIds[0] ?? unitIds[0]!, unitIds, cycle);
  process.stdout.write(`\n${details.table}\n`);

  const units = unitIds.length;
  const lines = [
    '',
    `wall time, import → annual results (${units} rows, 12 months final): ${finishedAt === undefined ? `not reached within ${GIVE_UP_MS / 60_000} min (${details.monthsFinal}/12 months final)` : formatMs(wallMs)} (target < 5 min: ${wallMs < TARGET_MS ? 'met' : 'MISSED'})`,
    `  from the end of month 1 (pledges signed, closes begin) → annual results: ${finishedAt === undefined ? '?' : formatMs(finishedAt - monthOneEndsAt)}`,
    `  the calendar alone: ${formatMs(yearEndsAt - startedAt)} (month 1 ${FIRST_MONTH_MS / 1000} s + 11 × ${MONTH_MS / 1000} s); behind the calendar at the end: ${finishedAt === undefined ? '?' : formatMs(finishedAt - yearEndsAt)}`,
    `  import ${formatMs(importMs)}; ${units} pledges ${formatMs(pledgeMs)} (${(units / (pledgeMs / 1000)).toFixed(1)}/s, timed separately, inside the year)`,
    `  all ${units} unit workflows completed: ${unitsDoneAt === undefined ? 'not within 3 min after the annual results (or the year did not end)' : `${formatMs(unitsDoneAt - startedAt)} after the import`}`,
    `worker peak RSS: ${memory.kernelPeakMb.toFixed(0)} MB (VmHWM); sampled every 250 ms: peak ${memory.peakSampledMb.toFixed(0)} MB, last ${memory.lastMb.toFixed(0)} MB`,
    `CPU, import → annual results: ${cpu}`,
    `audit_log: ${details.audit}`,
    `unit workflow activities (5 units' histories), average queued before a worker took them / running: ${details.unitActivities}`,
    `cases: ${details.cases} rows, ${details.caseWorkflows} case workflows; the rankings fired ${details.casesFired}`,
    `history: cycle workflow ${details.cycleHistory}; a lagging unit's workflow ${details.unitHistory}`,
    'seeding note: the unit workflows never saw the seeded reports (Postgres holds them approved, the ranking uses them); each unit only notes its month',
    '  as closed when the outcome arrives. A real year adds the submit and approve steps: 2 Updates and 2 writes per unit and month.',
  ];
  if (system.workerTrouble.count > 0)
    lines.push(
      `worker wrote ${system.workerTrouble.count} warning/error line(s); last:\n  ${system.workerTrouble.last.join('\n  ')}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);

  const figures: Figure[] = [
    {
      name: `full year, ${units} units: import → annual results`,
      value: finishedAt === undefined ? GIVE_UP_MS : wallMs,
      unit: 'ms',
      target: { limit: TARGET_MS, strict: true, label: '< 5 min' },
      note:
        finishedAt === undefined
          ? `NOT FINISHED: gave up, ${details.monthsFinal}/12 months final`
          : `calendar alone ${formatMs(yearEndsAt - startedAt)}`,
    },
    {
      name: 'full year: end of month 1 → annual results',
      value: finishedAt === undefined ? NaN : finishedAt - monthOneEndsAt,
      unit: 'ms',
    },
    { name: 'full year: worker peak RSS (VmHWM)', value: memory.kernelPeakMb, unit: 'MB' },
    { name: `full year: ${units} pledges signed (Updates, 32 at a time)`, value: pledgeMs, unit: 'ms' },
    { name: 'full year: audit_log rows written', value: details.auditRows, unit: 'rows', note: details.audit },
  ];
  publishFigures(figures);
}

/** Polls the cycle and Postgres until the annual results are in; prints where the year stands. */
async function waitForYearEnd(
  system: BenchSystem,
  progress: Progress,
  memory: MemorySampler,
  cycleId: string,
  startedAt: number,
  yearEndsAt: number,
): Promise<number | undefined> {
  const cycle = system.client.workflow.getHandle(cycleWorkflowId(cycleId));
  const units = BENCH_DISTRICT.units;
  let lastLine = { at: 0, audit: 0 };
  let status: CycleStatus | undefined;
  for (;;) {
    const now = Date.now();
    // A Query can time out while the worker is swamped; the last answer stands until the next one.
    status = (await cycle.query(cycleStatusQuery).catch(() => undefined)) ?? status;
    const annual = await count(system, 'SELECT count(*) AS n FROM annual_results WHERE cycle_id = $1', [cycleId]);
    const final = finalMonths(status);
    if (annual === units && final === 12) {
      progress.say(`annual results recorded: ${annual}/${units}, 12/12 months final`);
      return now;
    }
    if (now - lastLine.at >= 5_000) {
      const cases = await count(system, 'SELECT count(*) AS n FROM cases WHERE cycle_id = $1', [cycleId]);
      const audit = await count(system, 'SELECT count(*) AS n FROM audit_log', []);
      const lockWaiters = await count(
        system,
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'",
        [],
      );
      const auditRate = lastLine.at === 0 ? 0 : (audit - lastLine.audit) / ((now - lastLine.at) / 1000);
      lastLine = { at: now, audit };
      progress.say(
        `calendar ${now >= yearEndsAt ? 'year over' : `in month ${calendarMonth(now, startedAt)}`} · months final ${final}/12 · annual results ${annual}/${units} · cases ${cases} · ` +
          `audit rows ${audit} (${auditRate.toFixed(0)}/s, ${lockWaiters} waiting for the audit lock) · worker RSS ${memory.lastMb.toFixed(0)} MB (peak ${memory.peakSampledMb.toFixed(0)})`,
      );
    }
    if (now - startedAt > GIVE_UP_MS) {
      progress.say(`giving up after ${GIVE_UP_MS / 60_000} min: ${final}/12 months final, ${annual} annual results`);
      return undefined;
    }
    // Once a second: the cycle Query and the counts are load on the very stack being measured.
    await sleep(1_000);
  }
}

async function count(system: BenchSystem, sql: string, parameters: unknown[]): Promise<number> {
  return Number((await system.db.query<{ n: string }>(sql, parameters)).rows[0]?.n ?? 0);
}

function finalMonths(status: CycleStatus | undefined): number {
  return status?.months.filter((month) => month.stage === 'final' || month.stage === 'published').length ?? 0;
}

/** The month the calendar is in at `now`. */
function calendarMonth(now: number, startedAt: number): number {
  if (now < startedAt + FIRST_MONTH_MS) return 1;
  return Math.min(12, 2 + Math.floor((now - startedAt - FIRST_MONTH_MS) / MONTH_MS));
}

/** When every unit workflow has returned (its months run, its cases opened); undefined after 3 minutes. */
async function waitForUnitsClosed(
  client: Client,
  progress: Progress,
  cycleId: string,
  total: number,
): Promise<number | undefined> {
  const giveUpAt = Date.now() + 180_000;
  while (Date.now() < giveUpAt) {
    const { count: completed } = await client.workflow.count(
      `CycleId = "${cycleId}" AND WorkflowType = "unitCycleWorkflow" AND ExecutionStatus = "Completed"`,
    );
    progress.count('unit workflows completed', completed, total);
    if (completed >= total) return Date.now();
    await sleep(500);
  }
  return undefined;
}

interface YearDetails {
  table: string;
  /** Per activity type of the unit workflows: how long it waited for a worker slot and how long it ran. */
  unitActivities: string;
  monthsFinal: number;
  cases: number;
  caseWorkflows: number;
  casesFired: number;
  audit: string;
  auditRows: number;
  cycleHistory: string;
  unitHistory: string;
}

/** Per month: how large the frozen state grew, how long ranking and delivery took; and the audit trail's pace. */
async function yearDetails(
  system: BenchSystem,
  cycleId: string,
  someUnit: string,
  unitIds: string[],
  cycle: WorkflowHandle,
): Promise<YearDetails> {
  const { db, client } = system;
  const rankings = await db.query<{ month: number; state_bytes: number; cases: number }>(
    'SELECT month, pg_column_size(state) AS state_bytes, jsonb_array_length(cases) AS cases FROM month_rankings WHERE cycle_id = $1 ORDER BY month, version',
    [cycleId],
  );
  const times = await historyTimes(cycle);
  const spans = (name: string) =>
    times.activities.filter((span) => span.name === name && span.completedAt !== undefined);
  const [ranks, deliveries, readiness] = [spans('rankMonth'), spans('deliverOutcomes'), spans('monthReadiness')];
  const rows = rankings.rows.map((row, index) => {
    const rank = ranks[index];
    const deliver = deliveries[index];
    return [
      String(row.month),
      `${(row.state_bytes / 1024).toFixed(0)} KB`,
      String(row.cases),
      rank
        ? `${formatMs(rank.completedAt! - rank.scheduledAt)} (waited ${formatMs((rank.startedAt ?? rank.scheduledAt) - rank.scheduledAt)})`
        : '?',
      deliver
        ? `${formatMs(deliver.completedAt! - deliver.scheduledAt)} (waited ${formatMs((deliver.startedAt ?? deliver.scheduledAt) - deliver.scheduledAt)})`
        : '?',
      deliver ? new Date(deliver.completedAt!).toISOString().slice(11, 23) : '?',
    ];
  });
  const audit = await db.query<{ n: string; seconds: number }>(
    'SELECT count(*) AS n, extract(epoch FROM max(occurred_at) - min(occurred_at)) AS seconds FROM audit_log',
  );
  const byAction = await db.query<{ action: string; n: string }>(
    'SELECT action, count(*) AS n FROM audit_log GROUP BY action ORDER BY count(*) DESC LIMIT 6',
  );
  const auditRows = Number(audit.rows[0]?.n ?? 0);
  const auditSeconds = Number(audit.rows[0]?.seconds ?? 0);
  const describe = async (handle: WorkflowHandle) => {
    const description = await handle.describe();
    return `${description.historyLength} events${description.historySize ? `, ${(description.historySize / 1024).toFixed(0)} KB` : ''}`;
  };
  const status = await cycle.query(cycleStatusQuery).catch(() => undefined);
  const sampleUnits = [
    someUnit,
    ...unitIds.filter((_, index) => index % Math.max(1, Math.floor(unitIds.length / 4)) === 0).slice(0, 4),
  ];
  return {
    unitActivities: await activityWaits(client, cycleId, sampleUnits),
    table: `${table(['month', 'frozen state', 'cases fired', 'rankMonth (queued)', 'deliverOutcomes (queued)', 'delivered at (UTC)'], rows)}\n(${readiness.length} readiness checks in the cycle's history)`,
    monthsFinal: finalMonths(status),
    cases: Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE cycle_id = $1', [cycleId])).rows[0]?.n ?? 0,
    ),
    caseWorkflows: (await client.workflow.count(`CycleId = "${cycleId}" AND WorkflowType = "caseWorkflow"`)).count,
    casesFired: rankings.rows.reduce((sum, row) => sum + row.cases, 0),
    audit: `${auditRows} rows in ${auditSeconds.toFixed(0)} s (${byAction.rows.map((row) => `${row.action} ${row.n}`).join(', ')})`,
    auditRows,
    cycleHistory: await describe(cycle),
    unitHistory: `${await describe(client.workflow.getHandle(unitCycleWorkflowId(cycleId, someUnit)))} (${someUnit})`,
  };
}

/** Scheduled → started (waiting in the task queue) and started → completed, averaged per activity type. */
async function activityWaits(client: Client, cycleId: string, unitIds: string[]): Promise<string> {
  const totals = new Map<string, { count: number; queued: number; ran: number }>();
  for (const unitId of unitIds) {
    const times = await historyTimes(client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId))).catch(
      () => undefined,
    );
    for (const span of times?.activities ?? []) {
      if (span.startedAt === undefined || span.completedAt === undefined) continue;
      const total = totals.get(span.name) ?? { count: 0, queued: 0, ran: 0 };
      totals.set(span.name, {
        count: total.count + 1,
        queued: total.queued + span.startedAt - span.scheduledAt,
        ran: total.ran + span.completedAt - span.startedAt,
      });
    }
  }
  return (
    [...totals]
      .map(
        ([name, total]) =>
          `${name} ×${total.count} ${formatMs(total.queued / total.count)} / ${formatMs(total.ran / total.count)}`,
      )
      .join(', ') || 'none'
  );
}

runWhenMain(module, 'full-year', main);

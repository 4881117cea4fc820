/**
 * The year through the API on the production topology (`npm run start:cluster`: the Temporal
 * server 1.30.4 on Postgres with 16 history shards, two workers, two APIs behind one proxy), with
 * two workers and then with one.
 *
 * Each round imports a generated district of BENCH_CLUSTER_UNITS units (1,000 by default) through
 * the proxy, has every head sign the pledge, and then for each of BENCH_CLUSTER_MONTHS months (12)
 * sends every human step as people would, through the API by BENCH_CLUSTER_CLIENTS concurrent
 * clients (32): the reporter submits the month's report, the head confirms it (the policy asks
 * for it), the assessor approves it; then the assessor closes the month and the round waits until
 * the month is final (ranked, published, every unit told). Every person signs in once, from an
 * address of their own (`x-forwarded-for`, which the proxy passes on: one address would meet the
 * sign-in limit of 100 a minute). The months of the district end about as fast as their steps
 * are done here (see yearDistrict), one window opening at a time as in a real year.
 *
 * Printed: per round the wall time of the import, the pledges, the steps and the closes (any wait
 * for a month to end is left out), requests per second, and the
 * CPU seconds of each process of the cluster (the Temporal server, each worker, each API,
 * Postgres, the proxy with the supervisor) while the round ran. The machine's busy share is
 * printed too: on a shared machine the figures carry other people's load.
 *
 * Run: npm run bench:cluster (or npx tsx bench/cluster.bench.ts); needs dist/ (npm run build).
 */
import { Client, Connection } from '@temporalio/client';
import { hash } from 'bcryptjs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { unitCycleWorkflowId, validateScenario } from '@jiebang/contracts';
import { nextReportStep } from '../test/support/report-steps';
import { TEST_PASSWORD } from '../test/support/users';
import { clusterProcesses, startBenchCluster, type BenchCluster } from './support/cluster';
import { mapConcurrently } from './support/concurrency';
import { generateDistrict, periodsEnding, type GeneratedDistrict } from './support/district';
import { formatMs, publishFigures, table, type Figure } from './support/figures';
import { cpuSnapshot, type CpuSnapshot } from './support/process-cpu';
import { Progress, sleep, waitFor } from './support/progress';
import { runWhenMain } from './support/script';

const UNITS = Number(process.env.BENCH_CLUSTER_UNITS ?? 1_000);
const MONTHS = Number(process.env.BENCH_CLUSTER_MONTHS ?? 12);
const CLIENTS = Number(process.env.BENCH_CLUSTER_CLIENTS ?? 32);
const MONTH_FINAL_WITHIN_MS = 10 * 60_000;
/** A report still not approved after this is reported stuck (its histories kept). */
const REPORT_GIVE_UP_MS = 5 * 60_000;
/** A month's steps here take about 60-80 ms per unit (1,000 units, one worker or two): the next month ends about then. */
const MONTH_EVERY_MS_PER_UNIT = Number(process.env.BENCH_CLUSTER_MONTH_MS_PER_UNIT ?? 65);

interface Person {
  user: string;
  roles: string[];
  unit?: string;
  /** The address this person's requests come from (x-forwarded-for). */
  address: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** People of the cluster: each signs in once, from an address of their own, and keeps the token. */
class People {
  private readonly tokens = new Map<string, Promise<string>>();
  private next = 1;
  requests = 0;
  retried = 0;

  constructor(
    private readonly cluster: BenchCluster,
    private readonly progress: Progress,
  ) {}

  private readonly everyone: Person[] = [];

  person(user: string, roles: string[], unit?: string): Person {
    const index = this.next++;
    const person = { user, roles, unit, address: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` };
    this.everyone.push(person);
    return person;
  }

  /**
   * Creates every person's account at once, over one connection, as an administrator's tooling
   * would (setup, untimed): a connection per person would exceed Postgres' connection limit
   * beside the cluster's own pools.
   */
  async createAccounts(): Promise<void> {
    const passwordHash = await hash(TEST_PASSWORD, 4);
    const db = new PgClient({ connectionString: this.cluster.databaseUrl });
    await db.connect();
    try {
      for (let from = 0; from < this.everyone.length; from += 500) {
        const batch = this.everyone.slice(from, from + 500);
        await db.query(
          `INSERT INTO users (id, display_name, password_hash, roles, unit_id)
           SELECT id, id, $1, string_to_array(roles, ','), nullif(unit_id, '')
           FROM unnest($2::text[], $3::text[], $4::text[]) AS person(id, roles, unit_id)
           ON CONFLICT (id) DO NOTHING`,
          [
            passwordHash,
            batch.map((person) => person.user),
            batch.map((person) => person.roles.join(',')),
            batch.map((person) => person.unit ?? ''),
          ],
        );
      }
    } finally {
      await db.end();
    }
  }

  /**
   * One request as `person`; a 503 or a lost connection is tried again after a pause (a client's
   * retry), and a 401 after signing in again (an access token lasts 15 minutes; a year here lasts longer).
   */
  async call(person: Person, method: string, path: string, body?: unknown): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      try {
        const token = await this.tokenOf(person);
        const response = await fetch(`${this.cluster.baseUrl}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-forwarded-for': person.address,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(120_000),
        });
        this.requests++;
        const text = await response.text();
        if (response.status === 401 && attempt < 5) {
          this.tokens.delete(person.user);
          continue;
        }
        if (response.status !== 503 || attempt >= 5)
          return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        if (attempt >= 5) throw error;
      }
      this.retried++;
      await sleep(500 * attempt);
    }
  }

  private tokenOf(person: Person): Promise<string> {
    let token = this.tokens.get(person.user);
    if (!token) {
      token = this.signIn(person);
      this.tokens.set(person.user, token);
    }
    return token;
  }

  private async signIn(person: Person): Promise<string> {
    const response = await fetch(`${this.cluster.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': person.address },
      body: JSON.stringify({ username: person.user, password: TEST_PASSWORD }),
    });
    const body = (await response.json()) as { accessToken?: string };
    if (response.status !== 200 || !body.accessToken) {
      this.progress.say(`sign-in of ${person.user} answered ${response.status}`);
      throw new Error(`sign-in of ${person.user} answered ${response.status}`);
    }
    return body.accessToken;
  }
}

interface RoundResult {
  workers: number;
  units: number;
  months: number;
  importMs: number;
  pledgesMs: number;
  stepsMs: number[];
  closesMs: number[];
  totalMs: number;
  requests: number;
  retried: number;
  cpu: Record<string, number>;
  wallSeconds: number;
  machineBusy: number;
}

async function main(): Promise<void> {
  const progress = new Progress();
  progress.say(
    `cluster: ${UNITS} units, ${MONTHS} month(s) of human steps through the API by ${CLIENTS} clients; two workers, then one`,
  );
  const cluster = await startBenchCluster(progress, 'bench-cluster');
  const stop = () => void cluster.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    const results: RoundResult[] = [];
    results.push(await runYear(cluster, progress, 2, 'Cluster bench, two workers'));
    report(results); // printed at once: the one-worker round may not finish
    progress.say('stopping worker-2: the next round runs on one worker');
    await cluster.kill('worker-2');
    results.push(await runYear(cluster, progress, 1, 'Cluster bench, one worker'));
    report(results);
  } catch (error) {
    progress.say(`the cluster's last lines:\n${cluster.output()}`);
    if (error instanceof StuckReport) await keepHistories(cluster, progress, error.path).catch(() => undefined);
    throw error;
  } finally {
    process.off('SIGINT', stop);
    progress.say('stopping the cluster…');
    await cluster.stop();
  }
}

async function runYear(cluster: BenchCluster, progress: Progress, workers: number, name: string): Promise<RoundResult> {
  const people = new People(cluster, progress);
  const assessor = people.person(`assessor-${workers}w`, ['ASSESSOR']);
  const heads = new Map<string, Person>();
  const reporters = new Map<string, Person>();
  const district = yearDistrict(name);
  for (const unitId of district.unitIds) {
    heads.set(unitId, people.person(`head-${workers}w-${unitId}`, ['UNIT_HEAD'], unitId));
    reporters.set(unitId, people.person(`reporter-${workers}w-${unitId}`, ['UNIT_REPORTER'], unitId));
  }
  await people.createAccounts();
  const roots = clusterProcesses(await cluster.pids());
  const cpuBefore = cpuSnapshot(roots);
  const startedAt = performance.now();

  progress.say(`[${workers} worker(s)] importing ${UNITS} units through the proxy…`);
  const imported = await people.call(assessor, 'POST', '/cycles', district.scenario);
  if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.body)}`);
  const cycleId = (imported.body.cycle as { id: string }).id;
  const importMs = performance.now() - startedAt;

  const pledgesFrom = performance.now();
  await mapConcurrently(
    district.unitIds,
    CLIENTS,
    async (unitId) =>
      pledged(await people.call(heads.get(unitId)!, 'POST', `/cycles/${cycleId}/units/${unitId}/pledge`)),
    (done) => progress.count('pledges signed', done, UNITS),
  );
  const pledgesMs = performance.now() - pledgesFrom;
  let idleMs = 0;
  const stepsMs: number[] = [];
  const closesMs: number[] = [];
  for (let month = 1; month <= MONTHS; month++) {
    // The month's report window opens as it ends: waiting for the calendar is left out of the time.
    const idleFrom = performance.now();
    await sleep(Math.max(0, district.ends[month - 1]! + 1_000 - Date.now()));
    idleMs += performance.now() - idleFrom;
    const reports = district.reportsOf(month);
    const stepsFrom = performance.now();
    await mapConcurrently(
      district.unitIds,
      CLIENTS,
      (unitId) =>
        approveReport(people, `/cycles/${cycleId}/units/${unitId}/reports/${month}`, {
          reporter: reporters.get(unitId)!,
          head: heads.get(unitId)!,
          assessor,
          values: reports[unitId]!,
        }),
      (done) => progress.count(`month ${month}: reports submitted, confirmed, approved`, done, UNITS),
    );
    stepsMs.push(performance.now() - stepsFrom);
    const closeFrom = performance.now();
    const closed = await people.call(assessor, 'POST', `/cycles/${cycleId}/months/${month}/close`);
    // 409: the month closed by itself when its last report was approved.
    if (closed.status >= 300 && closed.status !== 409)
      throw new Error(`close of month ${month} answered ${closed.status}: ${JSON.stringify(closed.body)}`);
    await waitFor(
      `month ${month} final`,
      async () => {
        const months = await people.call(assessor, 'GET', `/cycles/${cycleId}/months`);
        const stage = (months.body.months as { month: number; stage: string }[] | undefined)?.[month - 1]?.stage;
        return stage === 'final' ? true : undefined;
      },
      { timeoutMs: MONTH_FINAL_WITHIN_MS, intervalMs: 250 },
    );
    closesMs.push(performance.now() - closeFrom);
    progress.say(
      `[${workers} worker(s)] month ${month}: steps ${formatMs(stepsMs.at(-1)!)}, close to final ${formatMs(closesMs.at(-1)!)}`,
    );
  }
  const totalMs = performance.now() - startedAt - idleMs;
  const cpuAfter = cpuSnapshot(roots);
  return {
    workers,
    units: UNITS,
    months: MONTHS,
    importMs,
    pledgesMs,
    stepsMs,
    closesMs,
    totalMs,
    requests: people.requests,
    retried: people.retried,
    ...cpuOf(cpuBefore, cpuAfter, idleMs),
  };
}

/**
 * Takes a month's report to approved as its people would: the reporter submits, the head confirms,
 * the assessor approves, each step chosen by the report's status. After a refusal (a retried step
 * whose first answer was lost, a window not yet open) the status is read again, as the console
 * does, after a pause that grows: the page people read is written by the step's activity, which
 * an overloaded cluster may run seconds after the workflow took the step (the workflow then
 * refuses the step again while the page still shows the status before it).
 */
async function approveReport(
  people: People,
  base: string,
  { values, ...who }: { reporter: Person; head: Person; assessor: Person; values: unknown },
): Promise<void> {
  let status: string | undefined;
  const giveUpAt = Date.now() + REPORT_GIVE_UP_MS;
  for (let refusals = 0; Date.now() < giveUpAt; ) {
    const step = nextReportStep(status, values);
    if (step === undefined) return;
    const answer = await people.call(who[step.by], step.method, `${base}${step.suffix}`, step.body);
    if (answer.status < 300) {
      status = step.by === 'reporter' && typeof answer.body.status === 'string' ? answer.body.status : step.leaves;
      continue;
    }
    people.retried++;
    refusals++;
    await sleep(Math.min(250 * refusals, 5_000));
    const read = await people.call(who.assessor, 'GET', base);
    status = read.status === 200 && typeof read.body.status === 'string' ? read.body.status : undefined;
  }
  throw new StuckReport(`${base} not approved within ${REPORT_GIVE_UP_MS / 60_000} min (status ${status})`, base);
}

/** A report that did not reach approved: its unit workflow's histories are kept for a look. */
class StuckReport extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Writes every run's history of the unit workflow behind a stuck report next to the cluster's log. */
async function keepHistories(cluster: BenchCluster, progress: Progress, path: string): Promise<void> {
  const [, cycleId, unitId] = /\/cycles\/([^/]+)\/units\/([^/]+)\//.exec(path) ?? [];
  if (!cycleId || !unitId) return;
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  try {
    const client = new Client({ connection });
    const workflowId = unitCycleWorkflowId(cycleId, unitId);
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      runs.push({
        runId: run.runId,
        status: run.status.name,
        history: await client.workflow.getHandle(workflowId, run.runId).fetchHistory(),
      });
    const file = join(tmpdir(), `jiebang-stuck-${unitId}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(runs, null, 1));
    progress.say(`the histories of ${workflowId} (${runs.length} runs) are in ${file}`);
  } finally {
    await connection.close();
  }
}

/** A pledge signed, or already signed by this head: a retry whose first answer was lost (an API restarted, a timeout). */
function pledged(answer: Answer): Answer {
  return answer.status === 409 && answer.body.code === 'PLEDGE_ALREADY_SIGNED' ? answer : expectOk(answer);
}

function expectOk(answer: Answer): Answer {
  if (answer.status >= 300) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

/**
 * As in a real year, one month's window opens at a time: the first month ends once the import and
 * the pledges are likely done, and each later one about when the steps of the month before are
 * likely done on this machine (MONTH_EVERY_MS_PER_UNIT), so the steps seldom wait for the calendar
 * and at most two months are open. Months past BENCH_CLUSTER_MONTHS end hours later, never reached.
 * (All twelve ending within seconds, as this benchmark once had it, made every unit workflow
 * continue as new twelve times at once, 12,000 new runs in half a minute, a load no district makes:
 * months are weeks apart. It ran the workers' workflow threads out of heap.)
 */
function yearDistrict(name: string): GeneratedDistrict & { ends: number[] } {
  const first = Date.now() + Math.max(20_000, UNITS * 40);
  const every = Math.max(3_000, UNITS * MONTH_EVERY_MS_PER_UNIT);
  const ends = Array.from({ length: 12 }, (_, index) =>
    index < MONTHS ? first + index * every : first + MONTHS * every + (index - MONTHS + 1) * 3_600_000,
  );
  const district = generateDistrict({
    name,
    year: 2026,
    periods: periodsEnding(first - 10_000, ends),
    shape: { units: UNITS, indicatorsPerUnit: 4, categories: 5 },
    seed: 25,
    policy: {
      pledgeDeadline: '2h',
      reminderOffsets: ['1h'],
      reportWindow: '2h',
      reviewDeadline: '2h',
      appealWindow: '1s',
      approvalDeadline: '2h',
      resubmitDeadline: '1h',
      headConfirmation: true,
    },
  });
  const checked = validateScenario(district.scenario);
  if (!checked.ok) throw new Error(`generated district is invalid: ${JSON.stringify(checked.problems).slice(0, 500)}`);
  return { ...district, ends };
}

/** CPU used between the snapshots; the wall time leaves out `idleMs` spent waiting for the calendar. */
function cpuOf(before: CpuSnapshot, after: CpuSnapshot, idleMs: number) {
  const cpu = Object.fromEntries(
    Object.keys(after.trees).map((name) => [name, after.trees[name]! - (before.trees[name] ?? NaN)]),
  );
  return {
    cpu,
    wallSeconds: (after.at - before.at - idleMs) / 1000,
    machineBusy: (after.machineBusy - before.machineBusy) / (after.machineTotal - before.machineTotal),
  };
}

function report(results: RoundResult[]): void {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const rows = results.map((round) => [
    String(round.workers),
    formatMs(round.totalMs),
    formatMs(round.importMs),
    formatMs(round.pledgesMs),
    formatMs(sum(round.stepsMs)),
    formatMs(sum(round.closesMs)),
    `${formatMs(Math.min(...round.closesMs))}–${formatMs(Math.max(...round.closesMs))}`,
    (round.requests / (round.totalMs / 1000)).toFixed(0),
    String(round.retried),
  ]);
  process.stdout.write(
    `\n${table(['workers', 'year', 'import', 'pledges', 'steps', 'closes', 'one close', 'req/s', 'retried'], rows)}\n`,
  );
  const names = [...new Set(results.flatMap((round) => Object.keys(round.cpu)))].sort();
  process.stdout.write(
    `\nCPU seconds per process while the round ran (and its share of the round's wall time):\n${table(
      ['process', ...results.map((round) => `${round.workers} worker(s)`)],
      names.map((name) => [
        name,
        ...results.map((round) => {
          const seconds = round.cpu[name];
          return seconds === undefined || !Number.isFinite(seconds)
            ? '—'
            : `${seconds.toFixed(1)} s (${((100 * seconds) / round.wallSeconds).toFixed(0)}%)`;
        }),
      ]),
    )}\n` +
      results
        .map(
          (round) =>
            `${round.workers} worker(s): machine busy ${(100 * round.machineBusy).toFixed(0)}% of its cores over ${round.wallSeconds.toFixed(0)} s`,
        )
        .join('\n') +
      '\n',
  );
  const figures: Figure[] = results.flatMap((round) => [
    {
      name: `cluster year through the API, ${round.units} units × ${round.months} months, ${round.workers} worker(s)`,
      value: round.totalMs,
      unit: 'ms' as const,
      note: `${round.requests} requests, ${(round.requests / (round.totalMs / 1000)).toFixed(0)}/s`,
    },
    {
      name: `cluster month close to final (median), ${round.units} units, ${round.workers} worker(s)`,
      value: [...round.closesMs].sort((a, b) => a - b)[Math.floor(round.closesMs.length / 2)]!,
      unit: 'ms' as const,
    },
  ]);
  publishFigures(figures);
}

runWhenMain(module, 'cluster', main);

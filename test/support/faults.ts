import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { validateScenario, type Scenario } from '@jiebang/contracts';
import { startEmbeddedPostgres, type RunningPostgres } from '@jiebang/devstack/embedded-postgres';
import { freePort } from '@jiebang/devstack/free-port';
import { startTemporalDevServer, type TemporalDevServer } from '@jiebang/devstack/temporal-dev-server';
import { simulate, type SimulationResult } from '@jiebang/domain';
import { generateDistrict, mulberry32, periodsEnding } from '../../bench/support/district';
import {
  crash,
  httpClient,
  SignInRefused,
  spawnWorkerProcess,
  testConfig,
  type ActorHeaders,
  type CallResult,
} from './jiebang';
import { ACTORS } from './suite';
import { readLiveYear } from './year-readback';

/**
 * A compressed year of a generated district run over HTTP on a stack whose parts are killed
 * and restarted while it runs: the worker (SIGKILL at random moments), the Temporal dev server
 * (SIGKILL, restarted on its persistent SQLite file), Postgres (stopped and started on its
 * data folder) and the API (SIGKILL, started again). The client behaves as a person with a
 * browser would: it reads a report's state before each step, obeys 503 + Retry-After, and
 * repeats until the step is done. Every answer is recorded with how long it took.
 */

/** What the API promises: an answer (possibly a 503) within API_REQUEST_TIMEOUT_MS plus a margin for a loaded machine. */
export const API_REQUEST_TIMEOUT_MS = 10_000;
export const ANSWER_WITHIN_MS = API_REQUEST_TIMEOUT_MS + 5_000;
/** Past this a call counts as hung (the test fails). */
const HUNG_AFTER_MS = 30_000;
/** A step still not done after this fails the test (generous: the machine running it may be shared and loaded). */
const STEP_GIVE_UP_MS = 600_000;
const BURST_CONCURRENCY = 8;

/** `upgrade`: the worker of the version the year started with stops; the current version's takes over. */
export type Fault = 'worker' | 'temporal' | 'postgres' | 'api' | 'upgrade';
export type FaultMoment = 'burst' | 'close';

export interface FaultPlan {
  /** Which fault strikes in which month, during its burst of submissions or during its close. */
  month: number;
  fault: Fault;
  during: FaultMoment;
}

export interface YearUnderFaultsOptions {
  units: number;
  indicatorsPerUnit: number;
  plan: FaultPlan[];
  /** Kill the worker at random moments (seeded) throughout the year, besides the plan. */
  randomWorkerKills: boolean;
  seed: number;
  /** Start the year on this worker (an earlier version's dist/apps/worker/src/main.js); the current one otherwise. */
  initialWorker?: string;
  /**
   * Months from `from` on open `openAfterMs` after the import instead of with the others, so a
   * fault planned before them meets their opening (an upgrade: the old version's runs hand over then).
   */
  laterMonths?: { from: number; openAfterMs: number };
  log?: (line: string) => void;
}

export interface Answer {
  method: string;
  path: string;
  ms: number;
  /** HTTP status, or the network error code (ECONNREFUSED while the API is down). */
  status: number | string;
  code?: string;
  retryAfter?: string | null;
}

/** What the API answered to a read sent while a part was down (the part named by `fault`). */
export interface AnswerWhileDown extends Answer {
  fault: Fault;
}

export interface YearUnderFaultsResult {
  expected: SimulationResult;
  months: unknown;
  cases: string[];
  annual: unknown;
  duplicatedNotifications: unknown[];
  duplicatedAudit: unknown[];
  reportAuditRows: Record<string, number>;
  auditVerification: Record<string, unknown>;
  answers: Answer[];
  answersWhileDown: AnswerWhileDown[];
  faultsInjected: string[];
  /** After an upgrade: how the unit years' runs started by the old worker ended. */
  handOver?: HandOver;
}

/** Each unit year's last run started before the upgrade, by how it ended. */
export interface HandOver {
  /** When the new worker took over, and when the first later month opened (epoch ms). */
  upgradedAt: number;
  laterMonthsOpenedAt: number | null;
  /** Unit workflow ids whose run from before the upgrade continued as new under the new worker. */
  handedOver: string[];
  /** The others, with how their run ended (RUNNING, COMPLETED ...). */
  notHandedOver: Array<{ workflowId: string; status: string }>;
}

const assessor = ACTORS.assessor;
const approverOf: Record<string, ActorHeaders> = {
  ORG_DEPT: ACTORS.orgDept,
  DISCIPLINE: ACTORS.discipline,
  LEADERSHIP: ACTORS.leadership,
};
const BUILT_API = resolve(__dirname, '../../dist/apps/api/src/main.js');

/** The stack of the fault suite: every part a process (or server) the suite can kill and start again. */
class FaultStack {
  temporal!: TemporalDevServer;
  postgres!: RunningPostgres;
  worker!: ChildProcess;
  api!: ChildProcess;
  readonly faultsInjected: string[] = [];
  /** When the current version's worker replaced the initial one. */
  upgradedAt: number | undefined;
  private constructor(
    private readonly cli: string,
    readonly tempDir: string,
    readonly temporalPort: number,
    readonly postgresPort: number,
    readonly apiPort: number,
    private readonly log: (line: string) => void,
  ) {}

  private workerEntry: string | undefined;

  static async start(cli: string, log: (line: string) => void, initialWorker?: string): Promise<FaultStack> {
    const tempDir = await mkdtemp(join(tmpdir(), 'jiebang-faults-'));
    const stack = new FaultStack(cli, tempDir, await freePort(), await freePort(), await freePort(), log);
    [stack.temporal, stack.postgres] = await Promise.all([stack.startTemporal(), stack.startPostgres()]);
    stack.workerEntry = initialWorker;
    stack.worker = await spawnWorkerProcess(stack.config, stack.workerEntry);
    stack.api = await stack.startApi();
    return stack;
  }

  get config() {
    return testConfig(
      { temporalAddress: `127.0.0.1:${this.temporalPort}`, databaseUrl: this.postgres.url },
      'faults-suite',
    );
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  /** Stops the part, calls `whileDown` (a person's request, answered while the part is down), starts it again. */
  async inject(fault: Fault, label: string, whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    const startedAt = Date.now();
    this.log(`fault: ${fault} (${label})`);
    if (fault === 'worker' || fault === 'upgrade') {
      await crash(this.worker);
      if (fault === 'worker') await whileDown();
      if (fault === 'upgrade') {
        this.workerEntry = undefined;
        this.upgradedAt = Date.now();
      }
      this.worker = await spawnWorkerProcess(this.config, this.workerEntry);
    } else if (fault === 'temporal') {
      this.temporal.process.kill();
      await this.temporal.process.exited;
      await Promise.all([whileDown(), sleep(1_000)]);
      this.temporal = await this.startTemporal();
    } else if (fault === 'postgres') {
      await this.postgres.stop();
      await Promise.all([whileDown(), sleep(2_000)]);
      this.postgres = await this.startPostgres();
    } else {
      await crash(this.api);
      await Promise.all([whileDown(), sleep(500)]);
      this.api = await this.startApi();
    }
    this.faultsInjected.push(`${label}: ${fault} down ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }

  async stop(): Promise<void> {
    for (const child of [this.api, this.worker]) if (child) await crash(child);
    await Promise.allSettled([this.temporal?.stop(), this.postgres?.stop()]);
    await rm(this.tempDir, { recursive: true, force: true });
  }

  private startTemporal(): Promise<TemporalDevServer> {
    return startTemporalDevServer({
      cli: this.cli,
      port: this.temporalPort,
      dbFilename: join(this.tempDir, 'temporal.db'),
    });
  }

  private startPostgres(): Promise<RunningPostgres> {
    return startEmbeddedPostgres({ dataDir: join(this.tempDir, 'pg'), port: this.postgresPort, persistent: true });
  }

  private async startApi(): Promise<ChildProcess> {
    if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: run npm run build first`);
    const config = this.config;
    const child = spawn(process.execPath, [BUILT_API], {
      env: {
        ...process.env,
        DATABASE_URL: config.DATABASE_URL,
        TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
        PORT: String(this.apiPort),
        DEMO_IMPORT: 'false',
        LOG_LEVEL: 'error',
        API_REQUEST_TIMEOUT_MS: String(API_REQUEST_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited during start-up:\n${output}`);
      const answered = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) }).then(
        () => true,
        () => false,
      );
      if (answered) return child;
      if (Date.now() > deadline) throw new Error(`the API did not answer within 120 s:\n${output}`);
      await sleep(250);
    }
  }
}

/** Runs the year and gathers what the assertions compare; the stack is stopped in any case. */
export async function runYearUnderFaults(cli: string, options: YearUnderFaultsOptions): Promise<YearUnderFaultsResult> {
  const startedAt = Date.now();
  const log = (line: string) => options.log?.(`+${Math.round((Date.now() - startedAt) / 1000)} s ${line}`);
  const stack = await FaultStack.start(cli, log, options.initialWorker);
  try {
    return await new YearRun(stack, options, log).run();
  } finally {
    await stack.stop();
  }
}

class YearRun {
  private readonly answers: Answer[] = [];
  private readonly answersWhileDown: AnswerWhileDown[] = [];
  private cycleId: string | undefined;
  private readonly call: ReturnType<typeof httpClient>;
  private readonly random: () => number;
  /** One fault at a time: the random worker kills wait for a planned fault to finish. */
  private faultInProgress: Promise<void> = Promise.resolve();
  private yearOver = false;

  constructor(
    private readonly stack: FaultStack,
    private readonly options: YearUnderFaultsOptions,
    private readonly log: (line: string) => void,
  ) {
    this.call = httpClient(stack.baseUrl, stack.postgres.url);
    this.random = mulberry32(options.seed);
  }

  async run(): Promise<YearUnderFaultsResult> {
    const { units, indicatorsPerUnit, plan } = this.options;
    const periods = this.periods();
    const district = generateDistrict({
      name: 'Year under faults',
      year: 2026,
      periods,
      shape: { units, indicatorsPerUnit, categories: 5 },
      seed: this.options.seed,
      policy: {
        pledgeDeadline: '2h',
        reminderOffsets: ['1h'],
        reportWindow: '2h',
        reviewDeadline: '2h',
        appealWindow: '1s',
        approvalDeadline: '2h',
        resubmitDeadline: '1h',
      },
    });
    const scenarioInput = { ...district.scenario, reports: {} as Record<string, Record<string, unknown>> };
    for (let month = 1; month <= 12; month++)
      for (const [unitId, values] of Object.entries(district.reportsOf(month)))
        (scenarioInput.reports[unitId] ??= {})[String(month)] = values;
    const validated = validateScenario(scenarioInput);
    if (!validated.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(validated.problems)}`);
    const scenario: Scenario = validated.scenario;
    const expected = simulate(scenario);

    const imported = await this.must('POST', '/cycles', assessor, { ...district.scenario, reports: {} });
    const cycleId = (imported.body.cycle as { id: string }).id;
    this.cycleId = cycleId;
    this.log(`imported ${cycleId}: ${units} units`);
    await this.inBatches(district.unitIds, (unitId) =>
      this.must('POST', `/cycles/${cycleId}/units/${unitId}/pledge`, ACTORS.headOf(unitId), undefined, [409]),
    );
    this.log('pledges signed');

    const chaos = this.options.randomWorkerKills ? this.killWorkerAtRandom() : Promise.resolve();
    try {
      for (let month = 1; month <= 12; month++) {
        await this.untilOpen(periods, month);
        const reports = district.reportsOf(month);
        const burst = this.inBatches(district.unitIds, (unitId) =>
          this.ensureApproved(cycleId, unitId, month, reports[unitId]!),
        );
        await this.strike(plan, month, 'burst', burst);
        this.log(`month ${month}: every report approved`);
        const close = this.ensureFinal(cycleId, month);
        await this.strike(plan, month, 'close', close);
        await this.ensureBulletin(cycleId, month);
        await this.approveOpenCases(cycleId, month, expected);
        this.log(`month ${month}: final, bulletin out, cases decided`);
      }
      await this.eventually(async () => {
        const { rows } = await this.db((db) =>
          db.query('SELECT count(*)::int AS n FROM annual_results WHERE cycle_id = $1', [cycleId]),
        );
        return rows[0].n === units ? true : undefined;
      });
    } finally {
      this.yearOver = true;
      await chaos;
    }
    return this.gather(cycleId, expected, periods);
  }

  /**
   * Months a second long, all over shortly after the import, so each month's window is open when
   * the year reaches it; the later months (an option) open later.
   */
  private periods() {
    const start = Date.now() + 20_000;
    const later = this.options.laterMonths;
    const ends = Array.from({ length: 12 }, (_, index) =>
      later && index + 1 >= later.from
        ? start + later.openAfterMs + (index + 1 - later.from) * 1_000
        : start + (index + 1) * 1_000,
    );
    return periodsEnding(start, ends);
  }

  private async untilOpen(periods: Array<{ end: string }>, month: number): Promise<void> {
    const wait = Date.parse(periods[month - 1]!.end) + 1_000 - Date.now();
    if (wait <= 0) return;
    if (wait > 5_000) this.log(`waiting ${Math.round(wait / 1000)} s for month ${month} to open`);
    await sleep(wait);
  }

  /** How each unit year's last run from before the upgrade ended (Temporal's visibility of every run). */
  private async handOver(periods: Array<{ end: string }>): Promise<HandOver | undefined> {
    const { upgradedAt } = this.stack;
    if (upgradedAt === undefined) return undefined;
    const later = this.options.laterMonths;
    const connection = await Connection.connect({ address: `127.0.0.1:${this.stack.temporalPort}` });
    try {
      const lastBefore = new Map<string, { startedAt: number; status: string }>();
      const runs = new TemporalClient({ connection }).workflow.list({ query: `WorkflowType = 'unitCycleWorkflow'` });
      for await (const run of runs) {
        const startedAt = run.startTime.getTime();
        const known = lastBefore.get(run.workflowId);
        if (startedAt < upgradedAt && (!known || startedAt > known.startedAt))
          lastBefore.set(run.workflowId, { startedAt, status: run.status.name });
      }
      const ended = [...lastBefore].sort(([a], [b]) => a.localeCompare(b));
      return {
        upgradedAt,
        laterMonthsOpenedAt: later ? Date.parse(periods[later.from - 1]!.end) : null,
        handedOver: ended.filter(([, run]) => run.status === 'CONTINUED_AS_NEW').map(([id]) => id),
        notHandedOver: ended
          .filter(([, run]) => run.status !== 'CONTINUED_AS_NEW')
          .map(([workflowId, run]) => ({ workflowId, status: run.status })),
      };
    } finally {
      await connection.close();
    }
  }

  /** Strikes the planned fault for this month and moment while `work` runs, at a random moment of it. */
  private async strike(plan: FaultPlan[], month: number, during: FaultMoment, work: Promise<unknown>): Promise<void> {
    const planned = plan.filter((entry) => entry.month === month && entry.during === during);
    const strikes = planned.map(async ({ fault }) => {
      await sleep(200 + this.random() * 1_500);
      await this.exclusively(() =>
        this.stack.inject(fault, `month ${month} ${during}`, () => this.askWhileDown(fault)),
      );
    });
    await Promise.all([work, ...strikes]);
  }

  private async killWorkerAtRandom(): Promise<void> {
    while (!this.yearOver) {
      await sleep(30_000 + this.random() * 45_000);
      if (this.yearOver) return;
      await this.exclusively(() => this.stack.inject('worker', 'random moment'));
    }
  }

  /**
   * What a person sees while a part is down: the months of the cycle (Postgres for the cycle,
   * Temporal and a worker for its state), read as the assessor, who is signed in already.
   * Recorded apart from the year's answers, with no retry, so the assertions check this answer.
   */
  private async askWhileDown(fault: Fault): Promise<void> {
    const path = `/cycles/${this.cycleId}/months`;
    const startedAt = Date.now();
    let answer: Omit<Answer, 'method' | 'path' | 'ms'>;
    try {
      const result = await this.call('GET', path, { actor: assessor, timeoutMs: HUNG_AFTER_MS });
      answer = {
        status: result.status,
        code: result.body.code as string | undefined,
        retryAfter: result.headers.get('retry-after'),
      };
    } catch (error) {
      answer = error instanceof SignInRefused ? signInAnswer(error) : { status: networkCode(error) };
    }
    this.answersWhileDown.push({ fault, method: 'GET', path, ms: Date.now() - startedAt, ...answer });
  }

  private exclusively(fault: () => Promise<void>): Promise<void> {
    const next = this.faultInProgress.then(fault);
    this.faultInProgress = next.catch(() => undefined);
    return next;
  }

  /** Reads the report, then takes the one step it needs (submit, the head's sign-off, approve) until it is approved. */
  private async ensureApproved(cycleId: string, unitId: string, month: number, values: Record<string, number>) {
    const base = `/cycles/${cycleId}/units/${unitId}/reports/${month}`;
    await this.untilDone(`report ${unitId}/${month}`, async () => {
      const report = await this.attempt('GET', base, assessor);
      if (report === undefined) return false;
      if (report.status === 404) return false; // the window opens as the month's closing reaches the unit
      const status = String(report.body.status);
      if (status === 'approved') return true;
      if (status === 'missed') throw new Error(`report ${unitId}/${month} was marked missed`);
      if (status === 'submitted')
        await this.attempt('POST', `${base}/review`, assessor, { decision: 'approve' }, [409]);
      else if (status === 'awaiting_confirmation')
        await this.attempt('POST', `${base}/confirmation`, ACTORS.headOf(unitId), { decision: 'confirm' }, [409]);
      else await this.attempt('PUT', base, ACTORS.reporterOf(unitId), { values, submit: true }, [409]);
      return false;
    });
  }

  private async ensureFinal(cycleId: string, month: number): Promise<void> {
    await this.untilDone(`close of month ${month}`, async () => {
      const months = await this.attempt('GET', `/cycles/${cycleId}/months`, assessor);
      if (months === undefined) return false;
      const stage = (months.body.months as Array<{ month: number; stage: string }>)[month - 1]?.stage;
      if (stage === 'final') return true;
      if (stage === 'open' || stage === undefined)
        await this.attempt('POST', `/cycles/${cycleId}/months/${month}/close`, assessor, undefined, [409]);
      return false;
    });
  }

  private async ensureBulletin(cycleId: string, month: number): Promise<void> {
    await this.untilDone(`bulletin of month ${month}`, async () => {
      const published = await this.attempt(
        'POST',
        `/cycles/${cycleId}/months/${month}/bulletin`,
        ACTORS.leadership,
        undefined,
        [409],
      );
      return (
        published !== undefined && (published.status < 300 || published.body.code === 'BULLETIN_ALREADY_PUBLISHED')
      );
    });
  }

  private async approveOpenCases(cycleId: string, month: number, expected: SimulationResult): Promise<void> {
    const firing = expected.cases.filter((fired) => fired.month === month).length;
    await this.untilDone(`cases of month ${month}`, async () => {
      const listed = await this.attempt('GET', `/cases?cycleId=${encodeURIComponent(cycleId)}`, assessor);
      if (listed === undefined) return false;
      const cases = (listed.body as unknown as Array<{ caseId: string; month: number; status: string }>).filter(
        (fired) => fired.month === month,
      );
      if (cases.length < firing) return false;
      const waiting = cases.filter((fired) => fired.status === 'awaiting_approval');
      for (const fired of waiting) {
        const path = `/cases/${encodeURIComponent(fired.caseId)}`;
        const detail = await this.attempt('GET', path, assessor);
        const pending = (detail?.body.live as { pendingApprovers?: string[] } | undefined)?.pendingApprovers ?? [];
        for (const role of pending)
          await this.attempt('POST', `${path}/decisions`, approverOf[role]!, { approve: true }, [409]);
      }
      return waiting.length === 0;
    });
  }

  /** Repeats `step` (which returns whether the goal is reached) until done, or fails after STEP_GIVE_UP_MS. */
  private async untilDone(what: string, step: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + STEP_GIVE_UP_MS;
    const firstAnswer = this.answers.length;
    while (!(await step())) {
      if (Date.now() > deadline) {
        const last = this.answers.slice(firstAnswer).slice(-3);
        throw new Error(`${what} not done within ${STEP_GIVE_UP_MS / 1000} s; last answers: ${JSON.stringify(last)}`);
      }
      await sleep(300);
    }
  }

  /**
   * One request, recorded. Undefined when the API could not do it now (503, connection refused):
   * the caller reads the state again after the Retry-After. Any other failure, or an answer
   * other than 2xx or an `expected` status, fails the test.
   */
  private async attempt(
    method: string,
    path: string,
    actor: ActorHeaders,
    body?: unknown,
    expected: number[] = [],
  ): Promise<CallResult | undefined> {
    const startedAt = Date.now();
    const record = (answer: Omit<Answer, 'method' | 'path' | 'ms'>) =>
      this.answers.push({ method, path, ms: Date.now() - startedAt, ...answer });
    let result: CallResult;
    try {
      result = await this.call(method, path, { actor, body, timeoutMs: HUNG_AFTER_MS });
    } catch (error) {
      if (error instanceof SignInRefused) {
        // Signing in again (the access token expired) is part of the request: its answer counts as this one's.
        record(signInAnswer(error));
        await sleep(Number(error.retryAfter ?? 5) * 1_000);
        return undefined;
      }
      const code = networkCode(error);
      record({ status: code });
      if (code === 'TimeoutError') throw new Error(`${method} ${path} hung for ${HUNG_AFTER_MS / 1000} s`);
      await sleep(1_000);
      return undefined;
    }
    const retryAfter = result.headers.get('retry-after');
    record({ status: result.status, code: result.body.code as string | undefined, retryAfter });
    if (result.status === 503) {
      await sleep(Number(retryAfter ?? 1) * 1_000);
      return undefined;
    }
    if (result.status < 300 || result.status === 404 || expected.includes(result.status)) return result;
    throw new Error(`${method} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
  }

  /** A request that must succeed in the end (set-up steps): repeated while the API cannot do it now. */
  private async must(
    method: string,
    path: string,
    actor: ActorHeaders,
    body?: unknown,
    expected: number[] = [],
  ): Promise<CallResult> {
    let result: CallResult | undefined;
    await this.untilDone(`${method} ${path}`, async () => {
      result = await this.attempt(method, path, actor, body, expected);
      return result !== undefined;
    });
    return result!;
  }

  private async inBatches<T>(items: T[], each: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const lanes = Array.from({ length: BURST_CONCURRENCY }, async () => {
      while (next < items.length) await each(items[next++]!);
    });
    await Promise.all(lanes);
  }

  /** A query on the current Postgres (it may have been restarted), retried while it is down. */
  private async db<T>(query: (db: PgClient) => Promise<T>): Promise<T> {
    return this.eventually(async () => {
      const db = new PgClient({ connectionString: this.stack.postgres.url, connectionTimeoutMillis: 5_000 });
      try {
        await db.connect();
        return await query(db);
      } catch {
        return undefined;
      } finally {
        await db.end().catch(() => undefined);
      }
    });
  }

  private async eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  }

  private async gather(
    cycleId: string,
    expected: SimulationResult,
    periods: Array<{ end: string }>,
  ): Promise<YearUnderFaultsResult> {
    const verification = await this.must('GET', '/audit/verify', ACTORS.admin);
    const handOver = await this.handOver(periods);
    const year = await readLiveYear(
      {
        get: async (path, actor) => (await this.must('GET', path, actor)).body,
        query: async (sql, params) => (await this.db((db) => db.query(sql, params))).rows,
      },
      cycleId,
    );
    return this.db(async (db) => {
      const audit = await db.query(
        `SELECT action, subject, count(*)::int AS n FROM audit_log
         WHERE cycle_id = $1 AND action IN ('report.submitted_to_head', 'report.confirmed', 'report.approved', 'case.opened')
         GROUP BY action, subject HAVING count(*) > 1`,
        [cycleId],
      );
      const perAction = await db.query(
        `SELECT action, count(*)::int AS n FROM audit_log WHERE cycle_id = $1 AND action IN ('report.submitted', 'report.submitted_to_head', 'report.confirmed', 'report.approved') GROUP BY action`,
        [cycleId],
      );
      return {
        expected,
        ...year,
        duplicatedAudit: audit.rows,
        reportAuditRows: Object.fromEntries(
          (perAction.rows as Array<{ action: string; n: number }>).map((row) => [row.action, row.n]),
        ),
        auditVerification: verification.body,
        answers: this.answers,
        answersWhileDown: this.answersWhileDown,
        faultsInjected: this.stack.faultsInjected,
        handOver,
      };
    });
  }
}

function signInAnswer(error: SignInRefused): Omit<Answer, 'method' | 'path' | 'ms'> {
  return { status: error.status, code: error.body.code as string | undefined, retryAfter: error.retryAfter };
}

function networkCode(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'TimeoutError';
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

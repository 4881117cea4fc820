import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { validateScenario } from '@jiebang/contracts';
import { replicaRecord, stopReplica } from '@jiebang/devstack/cluster-launch';
import { simulate, type SimulationResult } from '@jiebang/domain';
import { mapConcurrently } from '../../bench/support/concurrency';
import { generateDistrict, periodsEnding, type GeneratedDistrict } from '../../bench/support/district';
import { httpClient, SignInRefused, type ActorHeaders, type CallResult } from '../support/jiebang';
import { nextReportStep } from '../support/report-steps';
import { ACTORS } from '../support/suite';

/** An answer the client got through the proxy (or the network error's code). */
export interface Answer {
  method: string;
  path: string;
  status: number | string;
  code?: string;
}

/** A client of the cluster through its one port, which records every answer. */
export function clusterClient() {
  const cluster = inject('cluster');
  const call = httpClient(cluster.baseUrl, cluster.databaseUrl);
  const answers: Answer[] = [];
  /** One request; undefined when the cluster could not take it now (a 503 or a lost connection): read the state and repeat. */
  async function attempt(
    method: string,
    path: string,
    actor: ActorHeaders,
    body?: unknown,
  ): Promise<CallResult | undefined> {
    try {
      const result = await call(method, path, { actor, body, timeoutMs: 60_000 });
      answers.push({ method, path, status: result.status, code: result.body.code as string | undefined });
      if (result.status === 503) {
        await sleep(500);
        return undefined;
      }
      return result;
    } catch (error) {
      if (error instanceof SignInRefused) {
        // Signing in is part of the request: its answer (a 503 while no instance took it) counts as this one's.
        answers.push({ method, path, status: error.status, code: error.body.code as string | undefined });
        await sleep(500);
        return undefined;
      }
      const cause = (error as { cause?: { code?: string } }).cause;
      answers.push({ method, path, status: cause?.code ?? String(error) });
      await sleep(500);
      return undefined;
    }
  }
  return { call, attempt, answers };
}

export type ClusterClient = ReturnType<typeof clusterClient>;

/** A generated district whose month 1 ends `monthOneEndsInMs` from now; later months are an hour long, out of the way. */
export function compressedDistrict(name: string, units: number, monthOneEndsInMs: number) {
  const monthOneEnds = Date.now() + monthOneEndsInMs;
  const ends = Array.from({ length: 12 }, (_, index) => monthOneEnds + index * 3_600_000);
  const district = generateDistrict({
    name,
    year: 2026,
    periods: periodsEnding(monthOneEnds - 4_000, ends),
    shape: { units, indicatorsPerUnit: 3, categories: 2 },
    seed: 25,
    unitIdPrefix: 'g',
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
  return { district, monthOneEnds };
}

/** What `jiebang simulate` makes of month 1 of the district with every unit's month-1 report. */
export function expectedMonthOne(district: GeneratedDistrict): SimulationResult['months'][number] {
  const reports = Object.fromEntries(
    Object.entries(district.reportsOf(1)).map(([unitId, values]) => [unitId, { '1': values }]),
  );
  const validated = validateScenario({ ...district.scenario, reports });
  if (!validated.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(validated.problems)}`);
  return simulate(validated.scenario).months[0]!;
}

/** Imports the district through the proxy and has every head sign the pledge; returns the cycle id. */
export async function importAndPledge(client: ClusterClient, district: GeneratedDistrict): Promise<string> {
  let cycleId: string | undefined;
  await untilDone('import', async () => {
    const imported = await client.attempt('POST', '/cycles', ACTORS.assessor, district.scenario);
    if (imported && imported.status < 300) cycleId = (imported.body.cycle as { id: string }).id;
    return cycleId !== undefined;
  });
  await inLanes(district.unitIds, async (unitId) => {
    await untilDone(`pledge of ${unitId}`, async () => {
      const signed = await client.attempt('POST', `/cycles/${cycleId}/units/${unitId}/pledge`, ACTORS.headOf(unitId));
      return signed !== undefined && (signed.status < 300 || signed.status === 409);
    });
  });
  return cycleId!;
}

/** Reads the report and takes the one step it needs (submit, the head's sign-off, approve) until it is approved. */
export async function ensureApproved(
  client: ClusterClient,
  cycleId: string,
  unitId: string,
  values: Record<string, number>,
): Promise<void> {
  const base = `/cycles/${cycleId}/units/${unitId}/reports/1`;
  const people = { reporter: ACTORS.reporterOf(unitId), head: ACTORS.headOf(unitId), assessor: ACTORS.assessor };
  await untilDone(`report of ${unitId}`, async () => {
    const report = await client.attempt('GET', base, ACTORS.assessor);
    if (report === undefined || report.status === 404) return false; // the window opens as month 1 ends
    const step = nextReportStep(String(report.body.status), values);
    if (step === undefined) return true;
    await client.attempt(step.method, `${base}${step.suffix}`, people[step.by], step.body);
    return false;
  });
}

/** Closes month 1 (once it is open) and waits until it is final. */
export async function ensureFinal(client: ClusterClient, cycleId: string): Promise<void> {
  await untilDone('close of month 1', async () => {
    const months = await client.attempt('GET', `/cycles/${cycleId}/months`, ACTORS.assessor);
    const stage = (months?.body.months as Array<{ stage: string }> | undefined)?.[0]?.stage;
    if (stage === 'final') return true;
    if (stage === 'open') await client.attempt('POST', `/cycles/${cycleId}/months/1/close`, ACTORS.assessor);
    return false;
  });
}

/** Month 1's ranking as the assessors read it, in the shape simulate gives it. */
export async function rankingOfMonthOne(client: ClusterClient, cycleId: string) {
  let ranking: CallResult | undefined;
  await untilDone('ranking of month 1', async () => {
    ranking = await client.attempt('GET', `/cycles/${cycleId}/months/1/ranking`, ACTORS.assessor);
    return ranking !== undefined && ranking.status === 200;
  });
  const units = (ranking!.body.units as Array<Record<string, unknown>>).map(
    ({ unit, score, rank, lagging, vetoed, reported, indicators }) => ({
      unit,
      score,
      rank,
      lagging,
      vetoed,
      reported,
      indicators,
    }),
  );
  return { month: 1, units: units.sort((a, b) => String(a.unit).localeCompare(String(b.unit))) };
}

/** Kills one process of the cluster as a crash would (SIGKILL to its process group) and waits until it is gone. */
export function killReplica(name: string): Promise<number> {
  return stopReplica(inject('cluster').runDir, name, 'SIGKILL');
}

/**
 * Stops one replica as an operator's rolling restart does (SIGTERM: it finishes what it holds),
 * and waits until the supervisor has started it again (a new live pid in its pid file).
 */
export async function restartReplica(name: string): Promise<void> {
  const { runDir } = inject('cluster');
  const before = await stopReplica(runDir, name, 'SIGTERM');
  await untilDone(`${name} started again`, async () => {
    const now = await replicaRecord(runDir, name);
    return now !== undefined && now.pid !== before;
  });
}

/**
 * The Temporal SDK's pollers of one worker by kind (`workflow_task`, `sticky_workflow_task`,
 * `activity_task`) summed over its task queues, from its /metrics; undefined when it does not answer.
 */
export async function workerPollers(index: number): Promise<Record<string, number> | undefined> {
  const url = inject('cluster').workerMetricsUrls[index]!;
  const text = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => (response.ok ? response.text() : undefined),
    () => undefined,
  );
  if (text === undefined) return undefined;
  const pollers: Record<string, number> = {};
  for (const [, kind, value] of text.matchAll(/^temporal_num_pollers\{[^}]*poller_type="([^"]+)"[^}]*\} (\S+)$/gm))
    pollers[kind!] = (pollers[kind!] ?? 0) + Number(value);
  return pollers;
}

/** Waits until every API instance is ready and both workers poll (a replica a test stopped is started again after a pause). */
export async function atFullStrength(): Promise<void> {
  const cluster = inject('cluster');
  await untilDone('every API instance ready', async () => {
    const answers = await Promise.all(
      cluster.apiUrls.map((url) =>
        fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
          (response) => response.status,
          () => 0,
        ),
      ),
    );
    return answers.every((status) => status === 200);
  });
  for (let index = 0; index < cluster.workerMetricsUrls.length; index++)
    await untilDone(`worker-${index + 1} polling`, async () => ((await workerPollers(index))?.workflow_task ?? 0) > 0);
}

const GIVE_UP_MS = 240_000;

/** Repeats `step` (which says whether its goal is reached) until done; fails after GIVE_UP_MS. */
export async function untilDone(what: string, step: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (!(await step())) {
    if (Date.now() > deadline) throw new Error(`${what} not done within ${GIVE_UP_MS / 1000} s`);
    await sleep(300);
  }
}

/** Runs `each` over `items`, eight at a time, as a burst of people would (bench:cluster's mapConcurrently). */
export async function inLanes<T>(items: readonly T[], each: (item: T) => Promise<unknown>, lanes = 8): Promise<void> {
  await mapConcurrently(items, lanes, each);
}

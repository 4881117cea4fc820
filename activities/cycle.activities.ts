import { activityInfo, heartbeat, sleep } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  caseInputOf,
  unitCycleWorkflowId,
  unitSubject,
  type AuditEntryRequest,
  type MonthOutcome,
  type PendingReview,
  type RankingCause,
  type ReportValues,
  type WithAudit,
} from '@jiebang/contracts';
import { monthOutcomeSignal } from '@jiebang/contracts/temporal';
import {
  annualResults,
  closeMonth,
  initialCycleState,
  monthTimelines,
  type CycleRules,
  type CycleState,
  type FiredCase,
} from '@jiebang/domain';
import {
  AnnualResultEntity,
  AppealEntity,
  CaseEntity,
  CategoryEntity,
  CycleEntity,
  IndicatorEntity,
  MonthRankingEntity,
  MonthScoreEntity,
  ReportEntity,
  UnitEntity,
  VetoEntity,
  insertInChunks,
} from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface CycleDependencies {
  dataSource: DataSource;
  client: Client;
  /** Outcomes told per second to units that need not act on them at once (OUTCOME_DELIVERIES_PER_SECOND). */
  outcomeDeliveriesPerSecond?: number;
}

export interface MonthRef {
  cycleId: string;
  month: number;
}

export interface RankMonthRequest extends MonthRef {
  version: number;
  reason: string;
  /** The reason as structured data (absent from workflows started before it was sent). */
  cause?: RankingCause;
  createdBy: string;
}

export interface MonthReadiness {
  units: number;
  settled: number;
  pending: PendingReview[];
}

export interface AppealWrite extends MonthRef {
  unitId: string;
  reason: string;
  filedBy: string;
  status: 'open' | 'upheld' | 'corrected';
  decidedBy: string | null;
  comment: string | null;
  correctedValues: ReportValues | null;
}

/** Signals sent at once while telling units how their month ended. */
const DELIVERY_CONCURRENCY = 32;
/** The pace of the outcomes that can wait, unless the worker's configuration says otherwise. */
const DEFAULT_OUTCOME_DELIVERIES_PER_SECOND = 25;

/** Month closes: the rules engine run over what Postgres holds, frozen as versioned rankings. */
export function createCycleActivities({
  dataSource,
  client,
  outcomeDeliveriesPerSecond = DEFAULT_OUTCOME_DELIVERIES_PER_SECOND,
}: CycleDependencies) {
  return {
    /**
     * As a month ends, opens its report for every unit of the cycle in one statement per 1,000
     * units (status `open`, due as the calendar says), with one audit row for the whole month.
     * Rows a unit's workflow already wrote are kept, so a retry or a late run changes nothing.
     */
    async openReportWindows({ cycleId, month, audit }: WithAudit<MonthRef>): Promise<void> {
      const cycle = await dataSource.getRepository(CycleEntity).findOneByOrFail({ id: cycleId });
      const dueAt = monthTimelines(cycle.periods, cycle.policy).find((timeline) => timeline.month === month)!.dueAt;
      const units = await dataSource
        .getRepository(UnitEntity)
        .find({ select: { id: true }, where: { cycleId }, order: { id: 'ASC' } });
      const opened = { ...audit, change: { ...audit.change, dueAt, units: units.length } };
      const rows = units.map((unit) => ({
        cycleId,
        unitId: unit.id,
        month,
        status: 'open' as const,
        dueAt: new Date(dueAt),
        revision: 0,
      }));
      await auditedWrite(dataSource, opened, (manager) =>
        insertInChunks(manager, ReportEntity, rows, { onConflict: 'ignore' }),
      );
    },

    /**
     * How far the month's reports are: how many units, how many reports are settled (approved or
     * missed), and the reviews the month must wait for (see PendingReview).
     */
    async monthReadiness({ cycleId, month }: MonthRef): Promise<MonthReadiness> {
      const [units, settled, pending] = await Promise.all([
        dataSource.getRepository(UnitEntity).countBy({ cycleId }),
        dataSource.getRepository(ReportEntity).countBy({ cycleId, month, status: In(['approved', 'missed']) }),
        pendingReviewsOf(dataSource.manager, cycleId, month),
      ]);
      return { units, settled, pending };
    },

    /**
     * Ranks every category for the month and stores it as `version`. Idempotent: a retry finds
     * the version stored and does nothing. Runs the same `closeMonth` as `jiebang simulate`.
     */
    async rankMonth({
      cycleId,
      month,
      version,
      reason,
      cause,
      createdBy,
      audit,
    }: WithAudit<RankMonthRequest>): Promise<void> {
      await auditedWrite(dataSource, audit, async (manager) => {
        if (await manager.existsBy(MonthRankingEntity, { cycleId, month, version })) return;
        const rules = await loadRules(manager, cycleId);
        const before = await stateBefore(manager, rules, cycleId, month);
        const closed = closeMonth(before, {
          month,
          reports: await approvedReports(manager, cycleId, month),
          vetoes: await vetoesUpTo(manager, cycleId, month),
          rejectedCases: await rejectedCases(manager, cycleId),
        });
        await manager.update(MonthRankingEntity, { cycleId, month, status: 'provisional' }, { status: 'superseded' });
        await manager.insert(MonthRankingEntity, {
          cycleId,
          month,
          version,
          status: 'provisional',
          reason,
          cause: cause ?? null,
          createdBy,
          state: closed.state,
          cases: closed.cases,
        });
        const categoryOf = new Map(rules.units.map((unit) => [unit.id, unit.category]));
        await insertInChunks(
          manager,
          MonthScoreEntity,
          closed.month.units.map((unit) => ({
            cycleId,
            month,
            version,
            unitId: unit.unit,
            categoryId: categoryOf.get(unit.unit)!,
            score: unit.score,
            rank: unit.rank,
            lagging: unit.lagging,
            vetoed: unit.vetoed,
            reported: unit.reported,
            indicators: unit.indicators,
          })),
        );
      });
    },

    /** Stores an appeal as filed or decided; the corrected values feed the next ranking version. */
    async recordAppeal({ audit, ...appeal }: WithAudit<AppealWrite>): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(AppealEntity)
          .values({
            cycleId: appeal.cycleId,
            unitId: appeal.unitId,
            month: appeal.month,
            reason: appeal.reason,
            filedBy: appeal.filedBy,
            status: appeal.status,
            decidedBy: appeal.decidedBy,
            decisionComment: appeal.comment,
            correctedValues: appeal.correctedValues,
            decidedAt: appeal.decidedBy ? new Date() : null,
          })
          .orUpdate(
            ['status', 'decided_by', 'decision_comment', 'corrected_values', 'decided_at'],
            ['cycle_id', 'unit_id', 'month'],
          )
          .execute(),
      );
    },

    /**
     * Makes the month's ranking final and marks every report of the month that was not approved
     * as missed (it scored 0), each with its own audit row, all in one transaction.
     */
    async finaliseMonth({ cycleId, month, version, audit }: WithAudit<MonthRef & { version: number }>): Promise<void> {
      const missedAudit = (units: string[]): AuditEntryRequest[] => [
        audit,
        ...units.map((unitId) => ({
          action: 'report.missed',
          subject: unitSubject(cycleId, unitId, 'reports', month),
          cycleId,
          unitId,
          reason: 'The month closed without an approved report',
          change: { status: 'missed' },
        })),
      ];
      await auditedWrite(dataSource, missedAudit, async (manager) => {
        await manager.update(
          MonthRankingEntity,
          { cycleId, month, version, status: 'provisional' },
          { status: 'final' },
        );
        const missed = (await manager.query(
          `UPDATE reports SET status = 'missed', updated_at = now() WHERE cycle_id = $1 AND month = $2 AND status NOT IN ('approved', 'missed') RETURNING unit_id`,
          [cycleId, month],
        )) as [Array<{ unit_id: string }>, number];
        return missed[0].map((row) => row.unit_id).sort();
      });
    },

    async publishRanking({
      cycleId,
      month,
      version,
      publishedBy,
      audit,
    }: WithAudit<MonthRef & { version: number; publishedBy: string }>): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        manager.update(
          MonthRankingEntity,
          { cycleId, month, version, status: 'final' },
          { status: 'published', publishedBy, publishedAt: new Date() },
        ),
      );
    },

    /**
     * Tells every unit how its month ended, with the cases it must open (a unit ignores a repeated
     * delivery of the same version). The month is already final in Postgres, where every
     * read finds it; a unit's workflow needs its outcome at once only when it must act on it (a
     * case fired, or a report that was not approved: its reminders and deadlines stop, it becomes
     * missed). Those are told first, all at once. The others (approved, nothing fired) only learn
     * that the month is over, and each signal makes the worker rebuild a workflow its cache no
     * longer holds: they are told at a pace (`outcomeDeliveriesPerSecond`), so that the close
     * leaves the worker free for people's steps. A retry resumes where the last heartbeat was.
     */
    async deliverOutcomes({
      cycleId,
      month,
      version,
      audit,
    }: WithAudit<MonthRef & { version: number }>): Promise<void> {
      const { outcomes, urgent } = await outcomesToDeliver(dataSource, cycleId, month, version);
      const tell = (batch: Array<[string, MonthOutcome]>) =>
        Promise.all(
          batch.map(([unitId, outcome]) =>
            client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).signal(monthOutcomeSignal, outcome),
          ),
        );
      const pacedBatch = Math.max(1, Math.min(DELIVERY_CONCURRENCY, Math.floor(outcomeDeliveriesPerSecond)));
      const pacing = { started: performance.now(), paced: 0 };
      for (let index = resumedDeliveries(); index < outcomes.length; ) {
        const size = index < urgent ? Math.min(DELIVERY_CONCURRENCY, urgent - index) : pacedBatch;
        const batch = outcomes.slice(index, index + size);
        if (index >= urgent) await paceDeliveries(pacing, batch.length, outcomeDeliveriesPerSecond);
        await tell(batch);
        index += batch.length;
        heartbeat(index);
      }
      await auditedWrite(dataSource, audit, async () => undefined);
    },

    /** Decides at year end which units completed their annual task. Idempotent per unit. */
    async recordAnnualResults({ cycleId, audit }: WithAudit<{ cycleId: string }>): Promise<void> {
      await auditedWrite(dataSource, audit, async (manager) => {
        const rules = await loadRules(manager, cycleId);
        const results = annualResults(rules, {
          reports: await approvedReports(manager, cycleId, 12),
          vetoes: await vetoesUpTo(manager, cycleId, 12),
        });
        await manager
          .createQueryBuilder()
          .insert()
          .into(AnnualResultEntity)
          .values(
            results.map((result) => ({
              cycleId,
              unitId: result.unit,
              completed: result.completed,
              explanation: result,
            })),
          )
          .orIgnore()
          .execute();
      });
    },
  };
}

/**
 * Reports that reached the assessors and wait for their review, and returned ones whose unit may
 * still resubmit (the unit's workflow marks those missed when their window passes): the month is
 * not ranked before they settle.
 */
async function pendingReviewsOf(manager: EntityManager, cycleId: string, month: number): Promise<PendingReview[]> {
  const rows = (await manager.query(
    `SELECT unit_id, status, submitted_at FROM reports
      WHERE cycle_id = $1 AND month = $2
        AND (status = 'submitted' OR (reviewed_by IS NOT NULL AND status NOT IN ('approved', 'missed')))
      ORDER BY unit_id`,
    [cycleId, month],
  )) as Array<{ unit_id: string; status: string; submitted_at: Date | null }>;
  return rows.map((row) => ({
    unitId: row.unit_id,
    waitingFor: row.status === 'submitted' ? 'review' : 'resubmission',
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
  }));
}

/** The cycle as the rules engine sees it: policy, categories, units, indicators. */
async function loadRules(manager: EntityManager, cycleId: string): Promise<CycleRules> {
  // One after the other: a transaction's connection runs one query at a time.
  const cycle = await manager.findOneByOrFail(CycleEntity, { id: cycleId });
  const categories = await manager.find(CategoryEntity, { where: { cycleId }, order: { id: 'ASC' } });
  const units = await manager.find(UnitEntity, { where: { cycleId }, order: { id: 'ASC' } });
  const indicators = await manager.find(IndicatorEntity, { where: { cycleId }, order: { id: 'ASC' } });
  return {
    policy: cycle.policy,
    categories: categories.map(({ id, name }) => ({ id, name })),
    units: units.map(({ id, name, categoryId }) => ({ id, name, category: categoryId })),
    indicators: indicators.map(
      ({
        id,
        unitId,
        name,
        dimension,
        direction,
        measure,
        weight,
        satisfactory,
        disallowed,
        plan,
        raters,
        ratedMonths,
        failBelow,
      }) => ({
        id,
        unit: unitId,
        name,
        dimension,
        direction,
        measure,
        weight,
        satisfactory,
        disallowed,
        ...(plan ? { plan } : {}),
        // Ratings by many: month reports carry the assessors' numbers, so only failBelow changes a score here.
        ...(raters ? { raters } : {}),
        ...(ratedMonths ? { ratedMonths } : {}),
        ...(failBelow !== null ? { failBelow } : {}),
      }),
    ),
  };
}

/** The rules' state after the previous month's final ranking (the initial state for month 1). */
async function stateBefore(
  manager: EntityManager,
  rules: CycleRules,
  cycleId: string,
  month: number,
): Promise<CycleState> {
  if (month === 1) return initialCycleState(rules);
  const previous = await manager.findOne(MonthRankingEntity, {
    where: { cycleId, month: month - 1, status: In(['final', 'published']) },
    order: { version: 'DESC' },
  });
  if (!previous) throw new Error(`month ${month - 1} of cycle ${cycleId} has no final ranking yet`);
  return previous.state as CycleState;
}

/** Approved reports of the month, manual ratings merged in and upheld corrections applied. */
async function approvedReports(
  manager: EntityManager,
  cycleId: string,
  month: number,
): Promise<Record<string, ReportValues>> {
  const reports = await manager.find(ReportEntity, { where: { cycleId, month, status: 'approved' } });
  const corrections = await manager.find(AppealEntity, { where: { cycleId, month, status: 'corrected' } });
  const byUnit: Record<string, ReportValues> = {};
  for (const report of reports) byUnit[report.unitId] = { ...(report.values ?? {}), ...report.ratings };
  for (const correction of corrections)
    if (correction.correctedValues) byUnit[correction.unitId] = { ...correction.correctedValues };
  return byUnit;
}

async function vetoesUpTo(manager: EntityManager, cycleId: string, month: number) {
  const vetoes = await manager.find(VetoEntity, { where: { cycleId }, order: { effectiveMonth: 'ASC' } });
  // A veto recorded after its month was ranked counts from the month it took effect.
  return vetoes
    .filter((veto) => veto.effectiveMonth <= month)
    .map((veto) => ({ unit: veto.unitId, month: veto.effectiveMonth, reason: veto.reason }));
}

async function rejectedCases(manager: EntityManager, cycleId: string) {
  const cases = await manager.find(CaseEntity, { where: { cycleId, status: 'rejected' } });
  return cases.map((rejected) => ({ unit: rejected.unitId, rung: rejected.rung, month: rejected.month }));
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/**
 * The month's outcome for every unit, those that must act on it first (`urgent` of them): a case
 * fired for the unit, or its report was not approved. The order is the same at every attempt.
 */
async function outcomesToDeliver(
  dataSource: DataSource,
  cycleId: string,
  month: number,
  version: number,
): Promise<{ outcomes: Array<[string, MonthOutcome]>; urgent: number }> {
  const ranking = await dataSource.getRepository(MonthRankingEntity).findOneByOrFail({ cycleId, month, version });
  const cycle = await dataSource.getRepository(CycleEntity).findOneByOrFail({ id: cycleId });
  const scores = await dataSource
    .getRepository(MonthScoreEntity)
    .find({ where: { cycleId, month, version }, order: { unitId: 'ASC' } });
  const casesByUnit = groupBy(ranking.cases as FiredCase[], (fired) => fired.unit);
  const units = await dataSource.getRepository(UnitEntity).find({ where: { cycleId } });
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const approved = await dataSource
    .getRepository(ReportEntity)
    .find({ select: { unitId: true }, where: { cycleId, month, status: 'approved' } });
  const settled = new Set(approved.map((report) => report.unitId));
  const outcomes: Array<[string, MonthOutcome]> = scores.map((score) => [
    score.unitId,
    {
      month,
      version,
      score: score.score,
      rank: score.rank,
      lagging: score.lagging,
      vetoed: score.vetoed,
      reported: score.reported,
      cases: (casesByUnit.get(score.unitId) ?? []).map((fired) =>
        caseInputOf(cycleId, fired, cycle.policy, unitById.get(score.unitId)),
      ),
    },
  ]);
  const urgent: Array<[string, MonthOutcome]> = [];
  const later: Array<[string, MonthOutcome]> = [];
  for (const entry of outcomes) (entry[1].cases.length > 0 || !settled.has(entry[0]) ? urgent : later).push(entry);
  return { outcomes: [...urgent, ...later], urgent: urgent.length };
}

/** How many outcomes an earlier attempt of this activity had sent (its last heartbeat). */
function resumedDeliveries(): number {
  const sent: unknown = activityInfo().heartbeatDetails;
  return typeof sent === 'number' && sent > 0 ? sent : 0;
}

/** Waits until sending `count` more keeps the paced deliveries at `perSecond` since they began. */
async function paceDeliveries(
  pacing: { started: number; paced: number },
  count: number,
  perSecond: number,
): Promise<void> {
  const dueAt = pacing.started + (pacing.paced * 1000) / perSecond;
  pacing.paced += count;
  const wait = dueAt - performance.now();
  if (wait > 0) await sleep(wait);
}

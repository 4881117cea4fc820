import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MANUAL_RATING_DIMENSIONS,
  caseInputOf,
  unitPendingSteps,
  type CyclePeriod,
  type ExtensionState,
  type MonthOutcome,
  type MonthReport,
  type PendingStep,
  type ReportStatus,
  type ReportTexts,
  type ReportValues,
  type UnitCycleStatus,
  type UnitPhase,
} from '@jiebang/contracts';
import {
  durationMs,
  monthTimelines,
  pledgeTimeline,
  projectInvestmentByMonth,
  type FiredCase,
  type MonthTimeline,
  type Policy,
  type ProjectInvestmentMonth,
  type ProjectProgress,
} from '@jiebang/domain';

/** A unit's year as Postgres holds it: what its workflow would answer, and the steps it waits for. */
export interface UnitYearRead {
  status: UnitCycleStatus;
  pendingSteps: PendingStep[];
  /** Each indicator fed by key projects: the projects' investment summed beside the reported value, by month. */
  projectInvestment: IndicatorProjectInvestment[];
}

/** An indicator fed by key projects, with the projects and the sum of their investment by month. */
export interface IndicatorProjectInvestment {
  indicatorId: string;
  projects: string[];
  months: ProjectInvestmentMonth[];
}

interface ProjectProgressRow {
  project_id: string;
  indicator_id: string;
  month: number | null;
  investment: number | null;
}

interface ReportRow {
  month: number;
  status: ReportStatus;
  values: ReportValues | null;
  texts: ReportTexts | null;
  ratings: ReportValues | null;
  due_at: Date;
  deadline_at: Date | null;
  late: boolean;
  submitted_by: string | null;
  submitted_at: Date | null;
  confirmed_by: string | null;
  reached_at: Date | null;
  head_comment: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
  extension: ExtensionState | null;
}

interface OutcomeRow {
  month: number;
  version: number;
  score: number;
  rank: number;
  lagging: boolean;
  vetoed: boolean;
  reported: boolean;
  cases: FiredCase[] | null;
}

/**
 * The read model of a unit's year (docs/read-model.md). Its workflow writes every change of a
 * report to the report's row (recordReport, newer revisions only), its signature to `pledges` and
 * its pledge escalation to `escalations`; the cycle writes each month's final ranking and the
 * reports the close marked missed. So a read needs no Query and never waits on the worker, and
 * a month that closed shows its outcome as soon as the ranking is final, before the unit's
 * workflow has taken the outcome's signal. The pending steps follow from that state by the same
 * rule the workflow applies (`unitPendingSteps`).
 */
@Injectable()
export class UnitYearRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The unit's year; null when the cycle or the unit is not stored. */
  async yearOf(cycleId: string, unitId: string, now = Date.now()): Promise<UnitYearRead | null> {
    const run = (sql: string) => this.dataSource.query(sql, [cycleId, unitId]);
    const [cycles, units, indicators, reports, pledges, escalations, outcomes, projectRows] = (await Promise.all([
      run(`SELECT policy, periods, pledge_opened_at FROM cycles WHERE id = $1 AND $2::text IS NOT NULL`),
      run(`SELECT head, deputy FROM units WHERE cycle_id = $1 AND id = $2`),
      run(`SELECT id, dimension FROM indicators WHERE cycle_id = $1 AND unit_id = $2 ORDER BY id`),
      run(
        `SELECT month, status, values, texts, ratings, due_at, deadline_at, late, submitted_by, submitted_at,
                confirmed_by, reached_at, head_comment, reviewed_by, review_comment, extension
           FROM reports WHERE cycle_id = $1 AND unit_id = $2`,
      ),
      run(`SELECT signed_by, signed_at, late FROM pledges WHERE cycle_id = $1 AND unit_id = $2`),
      run(`SELECT 1 FROM escalations WHERE key = $1 || '/' || $2 || '/pledge/escalation'`),
      run(
        `SELECT r.month, r.version, s.score, s.rank, s.lagging, s.vetoed, s.reported,
                (SELECT jsonb_agg(c) FROM jsonb_array_elements(r.cases) c WHERE c->>'unit' = $2) AS cases
           FROM month_rankings r
           JOIN month_scores s ON s.cycle_id = r.cycle_id AND s.month = r.month AND s.version = r.version AND s.unit_id = $2
          WHERE r.cycle_id = $1 AND r.status IN ('final', 'published')
          ORDER BY r.month`,
      ),
      run(
        `SELECT p.id AS project_id, p.indicator_id, g.month, g.investment
           FROM key_projects p
           LEFT JOIN key_project_progress g ON g.cycle_id = p.cycle_id AND g.project_id = p.id
          WHERE p.cycle_id = $1 AND p.unit_id = $2
          ORDER BY p.position, g.month`,
      ),
    ])) as [
      Array<{ policy: Policy; periods: CyclePeriod[]; pledge_opened_at: Date }>,
      Array<{ head: string | null; deputy: string | null }>,
      Array<{ id: string; dimension: string }>,
      ReportRow[],
      Array<{ signed_by: string; signed_at: Date; late: boolean }>,
      unknown[],
      OutcomeRow[],
      ProjectProgressRow[],
    ];
    const cycle = cycles[0];
    const unit = units[0];
    if (!cycle || !unit) return null;

    const months = monthTimelines(cycle.periods, cycle.policy);
    const pledgeDeadline = pledgeTimeline(cycle.pledge_opened_at.toISOString(), cycle.policy).deadline;
    const outcomeOf = new Map<number, MonthOutcome>(
      outcomes.map((row) => [
        row.month,
        {
          month: row.month,
          version: row.version,
          score: row.score,
          rank: row.rank,
          lagging: row.lagging,
          vetoed: row.vetoed,
          reported: row.reported,
          cases: (row.cases ?? []).map((fired) => caseInputOf(cycleId, fired, cycle.policy, unit)),
        },
      ]),
    );
    const rowOf = new Map(reports.map((row) => [row.month, row]));
    const reportOf = new Map(
      months.map((timeline) => {
        const report = reportFrom(timeline, rowOf.get(timeline.month));
        // As the workflow does on its outcome: a month closed without an approved report is missed.
        if (outcomeOf.has(timeline.month) && report.status !== 'approved') report.status = 'missed';
        return [timeline.month, report];
      }),
    );
    const deadlineOf = new Map(
      months.map((timeline) => {
        const deadline = rowOf.get(timeline.month)?.deadline_at;
        return [timeline.month, deadline ? deadline.toISOString() : reportOf.get(timeline.month)!.dueAt];
      }),
    );
    const signed = pledges[0];
    const pledge = {
      deadline: pledgeDeadline,
      signed: signed !== undefined,
      signedBy: signed?.signed_by ?? null,
      signedAt: signed ? signed.signed_at.toISOString() : null,
      late: signed?.late ?? false,
      escalated: escalations.length > 0,
    };
    const opened = (timeline: MonthTimeline) => now >= Date.parse(timeline.opensAt);
    const status: UnitCycleStatus = {
      cycleId,
      unitId,
      phase: phaseOf(pledge.signed, months.some(opened), outcomeOf.size === months.length),
      pledge,
      reports: months.map((timeline) => reportOf.get(timeline.month)!),
      outcomes: [...outcomeOf.values()],
    };
    const isRated = (dimension: string) => (MANUAL_RATING_DIMENSIONS as readonly string[]).includes(dimension);
    const pendingSteps = unitPendingSteps({
      unitId,
      pledge,
      months,
      reportOf: (month) => reportOf.get(month)!,
      isOpen: (month) => opened(months.find((timeline) => timeline.month === month)!) && !outcomeOf.has(month),
      ratedIndicatorIds: indicators
        .filter((indicator) => isRated(indicator.dimension))
        .map((indicator) => indicator.id),
      deadlineOf: (report) => deadlineOf.get(report.month)!,
      reviewWindowMs: durationMs(cycle.policy.reviewDeadline),
    });
    const valueOf = (indicatorId: string) => (month: number) => reportOf.get(month)?.values?.[indicatorId] ?? null;
    const projectInvestment = indicators.flatMap(({ id }) => {
      const fed = projectProgressByProject(projectRows.filter((row) => row.indicator_id === id));
      if (fed.size === 0) return [];
      return [
        {
          indicatorId: id,
          projects: [...fed.keys()],
          months: projectInvestmentByMonth([...fed.values()], valueOf(id)),
        },
      ];
    });
    return { status, pendingSteps, projectInvestment };
  }
}

/** Rows of projects joined to their progress (none: one row with a null month) as each project's progress. */
function projectProgressByProject(rows: readonly ProjectProgressRow[]): Map<string, ProjectProgress> {
  const byProject = new Map<string, Record<string, { investment: number; milestones: never[] }>>();
  for (const row of rows) {
    const progress = byProject.get(row.project_id) ?? {};
    byProject.set(row.project_id, progress);
    if (row.month !== null && row.investment !== null)
      progress[String(row.month)] = { investment: Number(row.investment), milestones: [] };
  }
  return byProject;
}

/** The workflow's phase: the pledge until it is signed or a month opens, closed once every month has its outcome. */
function phaseOf(signed: boolean, anyMonthOpened: boolean, everyMonthClosed: boolean): UnitPhase {
  if (everyMonthClosed) return 'closed';
  return signed || anyMonthOpened ? 'reporting' : 'pledge';
}

/** The report as its row says; a month whose window has not opened has no row yet and is empty. */
function reportFrom(timeline: MonthTimeline, row: ReportRow | undefined): MonthReport {
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return {
    month: timeline.month,
    status: row?.status ?? 'open',
    opensAt: timeline.opensAt,
    dueAt: row ? row.due_at.toISOString() : timeline.dueAt,
    late: row?.late ?? false,
    values: row?.values ?? null,
    texts: row?.texts ?? null,
    ratings: row?.ratings ?? {},
    submittedBy: row?.submitted_by ?? null,
    submittedAt: iso(row?.submitted_at ?? null),
    confirmedBy: row?.confirmed_by ?? null,
    reachedAt: iso(row?.reached_at ?? null),
    headComment: row?.head_comment ?? null,
    reviewedBy: row?.reviewed_by ?? null,
    reviewComment: row?.review_comment ?? null,
    extension: row?.extension ?? null,
  };
}

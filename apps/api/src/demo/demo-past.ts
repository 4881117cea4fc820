import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { MANUAL_RATING_DIMENSIONS, type Actor, type MonthCloseState } from '@jiebang/contracts';
import { ApiException } from '../common/api-exception';
import type { MonthsService } from '../months/months.service';
import type { ProjectsService } from '../projects/projects.service';
import type { ReportsService } from '../reports/reports.service';
import type { UnitsService } from '../units/units.service';
import type { VetoesService } from '../vetoes/vetoes.service';
import demoDistrict from './district-2026.json';

/** Months of the demo year that lie in its past: reported, reviewed, ranked and (but the last) final. */
export const DEMO_PAST_MONTHS = 4;
/** How long each past month lasts at the first start: the past is replayed, not written as rows. */
export const DEMO_PAST_MONTH_MS = 15_000;
/** The demo's appeal window: short, so that its past months become final within minutes of the first start. */
export const DEMO_APPEAL_WINDOW = '15s';
/** The past month in which a unit appeals its provisional rank (and the assessors uphold it). */
const APPEALED_MONTH = 2;
const APPEALING_UNIT = 'u07';
/** The report the assessors return once before approving it. */
const RETURNED = { month: 1, unit: 'u03' };
const POLL_MS = 500;
const STEP_TIMEOUT_MS = 5 * 60_000;

const ASSESSOR: Actor = { userId: 'demo-assessor', roles: ['ASSESSOR'], requestId: 'demo-past' };
const LEADERSHIP: Actor = { userId: 'demo-leadership', roles: ['LEADERSHIP'], requestId: 'demo-past' };
const headOf = (unitId: string): Actor => ({
  userId: unitId === 'u00' ? 'demo-head' : `demo-head-${unitId}`,
  roles: ['UNIT_HEAD'],
  unitId,
  requestId: 'demo-past',
});
const reporterOf = (unitId: string): Actor => ({
  userId: unitId === 'u00' ? 'demo-reporter' : `demo-reporter-${unitId}`,
  roles: ['UNIT_REPORTER'],
  unitId,
  requestId: 'demo-past',
});

/**
 * The key projects' progress in the demo's past months (三挂), as their owner units report it:
 * investment to date and milestones reached. The rest of the year is the demo users' to report.
 */
const PAST_PROGRESS: Record<
  string,
  { unit: string; months: Record<number, { investment: number; milestones?: string[] }> }
> = {
  'p-park': {
    unit: 'u03',
    months: { 2: { investment: 800, milestones: ['signed'] }, 3: { investment: 1500 }, 4: { investment: 2600 } },
  },
  'p-road': {
    unit: 'u05',
    months: { 1: { investment: 1000 }, 2: { investment: 1800, milestones: ['land'] }, 3: { investment: 1800 } },
  },
  'p-hall': {
    unit: 'u04',
    months: {
      1: { investment: 500, milestones: ['signed'] },
      2: { investment: 900 },
      3: { investment: 1400, milestones: ['land'] },
      4: { investment: 2000 },
    },
  },
};

type Values = Record<string, number>;
const REPORTS = demoDistrict.reports as unknown as Record<string, Record<string, Values>>;
const RATED = new Set(
  demoDistrict.indicators
    .filter((indicator) => (MANUAL_RATING_DIMENSIONS as readonly string[]).includes(indicator.dimension))
    .map((indicator) => indicator.id),
);

/**
 * The demo district's past, done by its people through the real API services and workflows, on
 * the compressed calendar of its first months: every head signs the pledge; each past month every
 * unit reports, the assessors rate, return one report, approve the rest and close the month,
 * a unit appeals and the assessors uphold, LEADERSHIP publishes the bulletin; the laggards' cases
 * fire by the ladder. The last past month stops where the demo users take over: its reports
 * await demo-assessor. Every step first looks whether it is done, so a restart resumes the replay.
 */
export class DemoPast {
  private readonly logger = new Logger('DemoPast');

  constructor(
    private readonly cycleId: string,
    private readonly units: UnitsService,
    private readonly reports: ReportsService,
    private readonly months: MonthsService,
    private readonly vetoes: VetoesService,
    private readonly projects: ProjectsService,
    /** Aborted when the API shuts down: the replay stops where it is and resumes at the next start. */
    private readonly signal: AbortSignal,
  ) {}

  async replay(): Promise<void> {
    const unitIds = demoDistrict.units.map((unit) => unit.id);
    await Promise.all(unitIds.map((unitId) => this.signPledge(unitId)));
    for (let month = 1; month <= DEMO_PAST_MONTHS; month++) {
      const last = month === DEMO_PAST_MONTHS;
      await this.recordVetoes(month);
      // Each unit's people act at once, as a district's do; the cycle ranks the month when the last report is approved.
      await Promise.all(unitIds.map((unitId) => this.report(unitId, month, !last)));
      await this.reportProjectProgress(month);
      if (last) break;
      // Every report is approved: the assessors close the month rather than wait for the cycle's next look.
      if ((await this.stageOf(month)) === 'collecting') await this.months.closeNow(this.cycleId, month, ASSESSOR);
      await this.untilStage(month, ['appeal', 'final', 'published']);
      if (month === APPEALED_MONTH) await this.appealAndUphold(month);
      await this.untilStage(month, ['final', 'published']);
      if ((await this.stageOf(month)) === 'final') await this.months.publish(this.cycleId, month, LEADERSHIP);
      this.logger.log(`demo past: month ${month} ranked, final and published`);
    }
    this.logger.log(`demo past replayed: month ${DEMO_PAST_MONTHS}'s reports await demo-assessor`);
  }

  /** The key projects' progress of the month, with the month's report (its window is open once the report is). */
  private async reportProjectProgress(month: number): Promise<void> {
    for (const [projectId, { unit, months }] of Object.entries(PAST_PROGRESS)) {
      const progress = months[month];
      if (!progress) continue;
      await this.ignoring(['PROGRESS_ALREADY_REPORTED', 'MILESTONE_ALREADY_REACHED', 'REPORT_DEADLINE_PASSED'], () =>
        this.projects.reportProgress(this.cycleId, projectId, reporterOf(unit), {
          month,
          investment: progress.investment,
          milestones: progress.milestones ?? [],
          evidence: '项目进度照片及投资统计表',
        }),
      );
    }
  }

  /** The district's veto events of the month (一票否决), recorded before the month is ranked. */
  private async recordVetoes(month: number): Promise<void> {
    for (const veto of demoDistrict.vetoes.filter((each) => each.month === month)) {
      await this.ignoring(['VETO_ALREADY_RECORDED', 'MONTH_CLOSED'], () =>
        this.vetoes.record(this.cycleId, ASSESSOR, { unitId: veto.unit, month, reason: veto.reason }),
      );
    }
  }

  private async signPledge(unitId: string): Promise<void> {
    const view = await this.units.view(this.cycleId, unitId);
    if (!view.workflow.pledge.signed) await this.units.signPledge(this.cycleId, unitId, headOf(unitId));
  }

  /** The unit's report of the month: submitted, and, when `review`, rated and approved (one returned first). */
  private async report(unitId: string, month: number, review: boolean): Promise<void> {
    const ref = { cycleId: this.cycleId, unitId, month };
    const values = REPORTS[unitId]?.[String(month)] ?? {};
    const reported = Object.fromEntries(Object.entries(values).filter(([id]) => !RATED.has(id)));
    let status = await this.untilReportOpen(unitId, month);
    if (status === 'open' || status === 'draft') {
      // The unit's workflow opens the report as the month ends; until its timer fires it says so.
      await this.until(`month ${month}'s report of ${unitId} to be accepted`, () =>
        this.reports
          .save(ref, reporterOf(unitId), { values: reported, submit: true })
          .then(() => true)
          .catch((error: unknown) => {
            if (error instanceof ApiException && error.code === 'REPORT_WINDOW_NOT_OPEN') return undefined;
            throw error;
          }),
      );
      status = 'submitted';
    }
    if (status === 'submitted' || status === 'awaiting_confirmation') await this.signOff(ref, unitId);
    if (!review || status === 'approved') return;
    for (const [indicatorId, value] of Object.entries(values))
      if (RATED.has(indicatorId)) await this.reports.rate(ref, ASSESSOR, { indicatorId, value });
    if (status === 'submitted' && unitId === RETURNED.unit && month === RETURNED.month) {
      await this.reports.review(ref, ASSESSOR, { decision: 'return', comment: '请补充重点项目进度佐证材料' });
      await this.reports.save(ref, reporterOf(unitId), { values: reported, submit: true });
      await this.signOff(ref, unitId);
    }
    await this.reports.review(ref, ASSESSOR, { decision: 'approve' });
  }

  /** The head signs the submitted report off (policy.headConfirmation), so that it reaches the assessors. */
  private async signOff(ref: { cycleId: string; unitId: string; month: number }, unitId: string): Promise<void> {
    await this.ignoring(['REPORT_NOT_AWAITING_CONFIRMATION'], () =>
      this.reports.confirm(ref, headOf(unitId), { decision: 'confirm' }),
    );
  }

  private async appealAndUphold(month: number): Promise<void> {
    const state = await this.monthState(month);
    if (!state.appeals.some((appeal) => appeal.unitId === APPEALING_UNIT)) {
      await this.ignoring(['APPEAL_WINDOW_CLOSED'], () =>
        this.months.fileAppeal(this.cycleId, month, headOf(APPEALING_UNIT), {
          unitId: APPEALING_UNIT,
          reason: '本月项目建设数据统计口径有误，申请复核',
        }),
      );
    }
    const appeal = (await this.monthState(month)).appeals.find((each) => each.unitId === APPEALING_UNIT);
    if (appeal?.status === 'open')
      await this.months.decideAppeal(this.cycleId, month, APPEALING_UNIT, ASSESSOR, {
        decision: 'uphold',
        comment: '经复核，统计口径无误，维持原排名',
      });
  }

  /** A step done before a restart, or whose window closed while the replay was down, is part of the past: nothing to redo. */
  private async ignoring(codes: ApiException['code'][], step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (!(error instanceof ApiException) || !codes.includes(error.code)) throw error;
    }
  }

  private async untilReportOpen(unitId: string, month: number): Promise<string> {
    return this.until(`month ${month}'s report of ${unitId} to open`, async () => {
      const view = await this.units.view(this.cycleId, unitId);
      const report = view.workflow.reports.find((each) => each.month === month);
      return report && Date.parse(report.opensAt) <= Date.now() ? report.status : undefined;
    });
  }

  private async untilStage(month: number, stages: MonthCloseState['stage'][]): Promise<void> {
    await this.until(`month ${month} to reach ${stages.join(' or ')}`, async () =>
      stages.includes(await this.stageOf(month)) ? true : undefined,
    );
  }

  private async stageOf(month: number): Promise<MonthCloseState['stage']> {
    return (await this.monthState(month)).stage;
  }

  private async monthState(month: number): Promise<MonthCloseState> {
    const state = (await this.months.status(this.cycleId, ASSESSOR)).months.find((each) => each.month === month);
    if (!state) throw new Error(`the demo cycle has no month ${month}`);
    return state;
  }

  private async until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      this.signal.throwIfAborted();
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`the demo past waited too long for ${what}`);
      await sleep(POLL_MS, undefined, { signal: this.signal });
    }
  }
}

/**
 * The demo's calendar: DEMO_PAST_MONTHS months of DEMO_PAST_MONTH_MS each from `now` (replayed
 * at the first start), then the month running until the first of the next calendar month, then
 * calendar months (the demo's zone) to twelve.
 */
export function demoPeriods(now: Date, zoneOffsetMs: number): Array<{ start: string; end: string }> {
  const local = new Date(now.getTime() + zoneOffsetMs);
  const monthStart = (index: number) => Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + index, 1) - zoneOffsetMs;
  const boundaries = Array.from(
    { length: DEMO_PAST_MONTHS + 1 },
    (_, index) => now.getTime() + index * DEMO_PAST_MONTH_MS,
  );
  for (let index = 1; boundaries.length < 13; index++) {
    const start = monthStart(index);
    if (start > boundaries[boundaries.length - 1]!) boundaries.push(start);
  }
  return boundaries.slice(0, 12).map((start, index) => ({
    start: new Date(start).toISOString(),
    end: new Date(boundaries[index + 1]!).toISOString(),
  }));
}

import { Inject, Injectable } from '@nestjs/common';
import type { Actor, MonthReport, SavedDraftView } from '@jiebang/contracts';
import { isManualRating, ratingScaleOf } from '@jiebang/domain';
import { CycleRepository, UnitRepository } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { saveReportBody } from '@jiebang/contracts/http/reports';
import { ReportsService } from '../reports/reports.service';
import {
  MONTH_SHEETS,
  readRatingsWorkbook,
  readReportWorkbook,
  writeRatingsWorkbook,
  writeReportWorkbook,
  type RatingRow,
} from './month-workbooks';
import { tooLarge } from './target-workbooks.service';
import { inWorkbookOrder, problemAt, type WorkbookProblem } from './workbook-problem';
import { declaredUnzippedSize, WORKBOOK_MAX_BYTES, WORKBOOK_MAX_UNZIPPED_BYTES } from './xlsx-package';

interface ReportRef {
  cycleId: string;
  unitId: string;
  month: number;
}

/** What an uploaded ratings workbook did: each rating entered through the same step as the console's. */
export interface RatingsUploadResult {
  rated: number;
}

/**
 * Workbooks for many steps at once. The upload of a report is one draft saved by
 * `ReportsService.save`, as the form saves it (it stays a draft until submitted); the upload of
 * a month's ratings is one `ReportsService.rate` per filled cell, as the console rates, after
 * every cell has been checked.
 */
@Injectable()
export class MonthWorkbooksService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(ReportsService) private readonly reports: ReportsService,
  ) {}

  /** A unit's monthly report as a workbook: its reported indicators as rows, filled with the stored draft. */
  async reportWorkbook(ref: ReportRef): Promise<{ name: string; content: Buffer }> {
    const indicators = await this.reportedIndicators(ref);
    const report = await this.units.reportOf(ref.cycleId, ref.unitId, ref.month);
    const content = await writeReportWorkbook({
      unitId: ref.unitId,
      month: ref.month,
      indicators,
      values: report?.values ?? {},
      texts: report?.texts ?? null,
    });
    return { name: `${ref.unitId}-${ref.month}月-月度报告.xlsx`, content };
  }

  /** Checks a filled report workbook and saves it as a draft through the form's own step. */
  async uploadReport(ref: ReportRef, actor: Actor, content: Buffer): Promise<MonthReport | SavedDraftView> {
    checkSize(content);
    const indicators = await this.reportedIndicators(ref);
    const reading = await readReportWorkbook(content, { ...ref, indicatorIds: indicators.map(({ id }) => id) });
    const body = saveReportBody.safeParse({ values: reading.values, texts: reading.texts, submit: false });
    const problems = [...reading.problems];
    if (!body.success) {
      const placed = new Set(problems.map((problem) => problem.cell));
      for (const issue of body.error.issues) {
        const path = issue.path.map(String).join('.');
        const problem = problemAt(reading.placeOf(path), `内容有误：${issue.message}`, issue.message);
        if (!placed.has(problem.cell)) problems.push(problem);
      }
    }
    if (problems.length > 0 || !body.success) invalid(problems);
    return this.reports.save(ref, actor, body.data);
  }

  /** A month's manual ratings of every unit: one row per unit and manual-rating indicator, filled with those entered. */
  async ratingsWorkbook(cycleId: string, month: number): Promise<{ name: string; content: Buffer }> {
    const [rows, entered] = await Promise.all([this.ratingRows(cycleId), this.units.ratingsOfMonth(cycleId, month)]);
    const filled = rows.map((row) => ({ ...row, value: entered.get(row.unitId)?.[row.indicatorId] ?? null }));
    return { name: `${month}月-人工评分.xlsx`, content: await writeRatingsWorkbook(filled) };
  }

  /**
   * Checks every cell of a filled ratings workbook first; only a clean workbook is applied, each
   * rating through `ReportsService.rate`, the console's step (the unit's workflow records it).
   */
  async uploadRatings(cycleId: string, month: number, actor: Actor, content: Buffer): Promise<RatingsUploadResult> {
    checkSize(content);
    const rows = await this.ratingRows(cycleId);
    const { ratings, problems } = await readRatingsWorkbook(content, rows);
    // What the unit's workflow would refuse for a whole unit is asked here first, so that no
    // rating is entered while another of the same workbook is bound to fail.
    const reports = new Map(
      await Promise.all(
        [...new Set(ratings.map(({ unitId }) => unitId))].map(
          async (unitId) => [unitId, await this.units.reportOf(cycleId, unitId, month)] as const,
        ),
      ),
    );
    for (const { unitId, place } of ratings) {
      const report = reports.get(unitId);
      if (!report)
        problems.push(
          problemAt(
            place,
            `单位“${unitId}”${month}月的报告尚未开始，暂不能评分`,
            `unit ${unitId} has no report for month ${month} yet: its window has not opened`,
          ),
        );
      else if (report.status === 'approved')
        problems.push(
          problemAt(
            place,
            `单位“${unitId}”${month}月的报告已审核通过，不能再评分`,
            `the report of unit ${unitId} for month ${month} is already approved`,
          ),
        );
    }
    if (problems.length > 0) invalid(problems);
    for (const { unitId, indicatorId, value } of ratings)
      await this.reports.rate({ cycleId, unitId, month }, actor, { indicatorId, value });
    return { rated: ratings.length };
  }

  private async reportedIndicators(ref: ReportRef) {
    const { units, indicators } = await this.cycles.unitsAndIndicators(ref.cycleId);
    if (!units.some(({ id }) => id === ref.unitId))
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${ref.unitId} in cycle ${ref.cycleId}`, undefined, {
        unit: ref.unitId,
        cycle: ref.cycleId,
      });
    return indicators
      .filter(({ unitId, dimension }) => unitId === ref.unitId && !isManualRating(dimension))
      .map(({ id, name, dimension, measure, satisfactory }) => ({ id, name, dimension, measure, satisfactory }));
  }

  private async ratingRows(cycleId: string): Promise<RatingRow[]> {
    const { units, indicators } = await this.cycles.unitsAndIndicators(cycleId);
    if (units.length === 0)
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const unitName = new Map(units.map(({ id, name }) => [id, name]));
    return indicators
      .filter(({ dimension }) => isManualRating(dimension))
      .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.id.localeCompare(b.id))
      .map((indicator) => ({
        unitId: indicator.unitId,
        unitName: unitName.get(indicator.unitId) ?? indicator.unitId,
        indicatorId: indicator.id,
        indicatorName: indicator.name,
        dimension: indicator.dimension,
        max: ratingScaleOf(indicator).max,
        value: null,
      }));
  }
}

const MIB = 1024 * 1024;

export function checkSize(content: Buffer): void {
  if (content.length > WORKBOOK_MAX_BYTES) throw tooLarge(content.length);
  const size = declaredUnzippedSize(content);
  if (size.ok && size.unzippedBytes > WORKBOOK_MAX_UNZIPPED_BYTES)
    throw new ApiException(
      'WORKBOOK_TOO_LARGE',
      `The workbook unzips to ${(size.unzippedBytes / MIB).toFixed(1)} MiB; at most ${WORKBOOK_MAX_UNZIPPED_BYTES / MIB} MiB unzipped is read (工作簿解压后不能超过 ${WORKBOOK_MAX_UNZIPPED_BYTES / MIB} MiB)`,
      undefined,
      { unzippedMiB: Number((size.unzippedBytes / MIB).toFixed(1)), limitMiB: WORKBOOK_MAX_UNZIPPED_BYTES / MIB },
    );
  if (!size.ok) invalid([problemAt(undefined, '不是 .xlsx 工作簿', 'not an .xlsx workbook (not a zip package)')]);
}

function invalid(problems: WorkbookProblem[]): never {
  const count = problems.length;
  throw new ApiException(
    'WORKBOOK_INVALID',
    `The workbook has ${count} problem${count === 1 ? '' : 's'}; nothing was stored`,
    inWorkbookOrder(problems, Object.values(MONTH_SHEETS)),
    { count },
  );
}

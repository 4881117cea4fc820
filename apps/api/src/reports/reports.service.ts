import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  unitSubject,
  type Actor,
  type EvidenceFileView,
  type MonthReport,
  type ReportRecordView,
  type SavedDraftView,
} from '@jiebang/contracts';
import {
  confirmReportUpdate,
  decideExtensionUpdate,
  rateIndicatorUpdate,
  requestExtensionUpdate,
  reviewReportUpdate,
  saveReportUpdate,
} from '@jiebang/contracts/temporal';
import { ratingScaleOf, reportValueProblems } from '@jiebang/domain';
import {
  auditActorOf,
  EvidenceFileRepository,
  MonthRankingRepository,
  ReportDraftRepository,
  UnitRepository,
  type ReportEntity,
  type SavedDraftRow,
  type UnitEntity,
} from '@jiebang/persistence';
import { evidenceFileView } from '../evidence/evidence.service';
import { ApiException } from '../common/api-exception';
import { toApiException } from '../common/workflow-errors';
import { requireSeparationOfDuties } from '../common/separation-of-duties';
import type {
  ConfirmReportBody,
  DecideExtensionBody,
  RateIndicatorBody,
  RequestExtensionBody,
  ReviewReportBody,
  SaveReportBody,
} from '@jiebang/contracts/http/reports';

interface ReportRef {
  cycleId: string;
  unitId: string;
  month: number;
}

/**
 * Monthly reports. A draft is saved straight to the stored report when the row says the unit's
 * workflow would take it; every other change (a submission, a confirmation, a review, a rating,
 * an extension), and any draft the row does not allow, is an Update of the unit's workflow, which
 * validates and records it.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(EvidenceFileRepository) private readonly evidence: EvidenceFileRepository,
    @Inject(ReportDraftRepository) private readonly drafts: ReportDraftRepository,
    @Inject(Client) private readonly client: Client,
  ) {}

  /**
   * Saves a draft, or submits the report through the unit's workflow. A submission without texts
   * carries the texts of the stored draft: the workflow never saw the drafts the API saved.
   */
  async save(ref: ReportRef, actor: Actor, body: SaveReportBody): Promise<MonthReport | SavedDraftView> {
    if (!body.submit) {
      const saved = await this.saveDraft(ref, actor, body);
      if (saved) return saved;
    }
    const texts = body.texts ?? (await this.drafts.textsOf(ref.cycleId, ref.unitId, ref.month)) ?? undefined;
    return this.update(ref, (handle) =>
      handle.executeUpdate(saveReportUpdate, {
        args: [{ actor, month: ref.month, values: body.values, texts, submit: body.submit }],
      }),
    );
  }

  /**
   * A draft written straight to the stored report with its audit row (no workflow task, no
   * activity), or undefined when the values or the row's state would be refused: the workflow
   * then decides, and its refusal names the reason in the order it checks them.
   */
  private async saveDraft(ref: ReportRef, actor: Actor, body: SaveReportBody): Promise<SavedDraftView | undefined> {
    const indicatorIds = await this.units.reportedIndicatorIdsOf(ref.cycleId, ref.unitId);
    if (reportValueProblems(indicatorIds, body.values).length > 0) return undefined;
    const saved = await this.drafts.saveDraft({ ...ref, values: body.values, texts: body.texts ?? null }, (row) => ({
      ...auditActorOf(actor, undefined, 'api'),
      action: 'report.draft_saved',
      subject: unitSubject(ref.cycleId, ref.unitId, 'reports', ref.month),
      cycleId: ref.cycleId,
      unitId: ref.unitId,
      change: { status: row.status, values: body.values, texts: body.texts ?? null, late: row.late },
    }));
    return saved ? storedReportView({ ...ref, ...saved }) : undefined;
  }

  /** The workflow refuses anyone but the unit's head (NOT_UNIT_HEAD) and a report not waiting for confirmation. */
  confirm(ref: ReportRef, actor: Actor, body: ConfirmReportBody): Promise<MonthReport> {
    return this.update(ref, (handle) =>
      handle.executeUpdate(confirmReportUpdate, { args: [{ actor, month: ref.month, ...body }] }),
    );
  }

  review(ref: ReportRef, actor: Actor, body: ReviewReportBody): Promise<MonthReport> {
    requireSeparationOfDuties(actor, 'review', ref);
    return this.update(ref, (handle) =>
      handle.executeUpdate(reviewReportUpdate, { args: [{ actor, month: ref.month, ...body }] }),
    );
  }

  async rate(ref: ReportRef, actor: Actor, body: RateIndicatorBody): Promise<MonthReport> {
    requireSeparationOfDuties(actor, 'rating', ref);
    await this.assertWithinRatingScale(ref, body);
    return this.update(ref, (handle) =>
      handle.executeUpdate(rateIndicatorUpdate, { args: [{ actor, month: ref.month, ...body }] }),
    );
  }

  requestExtension(ref: ReportRef, actor: Actor, body: RequestExtensionBody): Promise<MonthReport> {
    return this.update(ref, (handle) =>
      handle.executeUpdate(requestExtensionUpdate, { args: [{ actor, month: ref.month, ...body }] }),
    );
  }

  decideExtension(ref: ReportRef, actor: Actor, body: DecideExtensionBody): Promise<MonthReport> {
    requireSeparationOfDuties(actor, 'extension decision', ref);
    return this.update(ref, (handle) =>
      handle.executeUpdate(decideExtensionUpdate, { args: [{ actor, month: ref.month, ...body }] }),
    );
  }

  /** The stored report of a month (the read model written by the workflow), its texts and evidence files. */
  async get(ref: ReportRef): Promise<ReportRecordView> {
    // A report's row exists only for a unit that does, so the unit is looked for only when there is none.
    const [report, files] = await Promise.all([
      this.units.reportOf(ref.cycleId, ref.unitId, ref.month),
      this.evidence.listOf(ref),
    ]);
    if (!report) {
      await this.findUnit(ref);
      throw new ApiException(
        'NOT_FOUND',
        `No report of unit ${ref.unitId} for month ${ref.month} yet: its window has not opened`,
      );
    }
    return reportRecordView(report, files.map(evidenceFileView));
  }

  private async update(
    ref: ReportRef,
    send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<MonthReport>,
  ): Promise<MonthReport> {
    const unit = await this.findUnit(ref);
    await this.assertNotRanked(ref);
    try {
      return await send(this.client.workflow.getHandle(unit.workflowId));
    } catch (error) {
      throw toApiException(error, `Unit ${ref.unitId}`);
    }
  }

  /**
   * A ranked month's reports no longer change. The unit's workflow refuses too, but only once the
   * month's outcome reaches it, which for a large district comes seconds after the ranking froze:
   * an approval in between would count for nothing while the report showed approved.
   */
  private async assertNotRanked({ cycleId, month }: ReportRef): Promise<void> {
    if (await this.rankings.isRanked(cycleId, month)) {
      throw new ApiException(
        'MONTH_CLOSED',
        `Month ${month} is closed: its ranking is frozen; a wrong result is corrected through an appeal`,
      );
    }
  }

  /** A rating outside its scale (a negative one, say) is refused before it reaches the workflow. */
  private async assertWithinRatingScale(
    { cycleId }: ReportRef,
    { indicatorId, value }: RateIndicatorBody,
  ): Promise<void> {
    const indicator = await this.units.indicatorOf(cycleId, indicatorId);
    if (!indicator) return; // the workflow names an unknown indicator
    const scale = ratingScaleOf(indicator);
    if (value < scale.min || value > scale.max)
      throw new ApiException(
        'RATING_OUT_OF_SCALE',
        `A rating of ${indicatorId} is from ${scale.min} to ${scale.max}; ${value} is outside the scale`,
      );
  }

  private async findUnit({ cycleId, unitId }: ReportRef): Promise<UnitEntity> {
    const unit = await this.units.findById(cycleId, unitId);
    if (!unit)
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${unitId} in cycle ${cycleId}`, undefined, {
        unit: unitId,
        cycle: cycleId,
      });
    return unit;
  }
}

function reportRecordView(report: ReportEntity, evidence: EvidenceFileView[]): ReportRecordView {
  return { ...storedReportView(report), evidence };
}

function storedReportView(report: ReportRef & SavedDraftRow): SavedDraftView {
  const instant = (value: Date | null) => (value ? value.toISOString() : null);
  return {
    cycleId: report.cycleId,
    unitId: report.unitId,
    month: report.month,
    status: report.status,
    values: report.values,
    texts: report.texts,
    ratings: report.ratings,
    dueAt: report.dueAt.toISOString(),
    late: report.late,
    submittedBy: report.submittedBy,
    submittedAt: instant(report.submittedAt),
    confirmedBy: report.confirmedBy,
    reachedAt: instant(report.reachedAt),
    headComment: report.headComment,
    reviewedBy: report.reviewedBy,
    reviewComment: report.reviewComment,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EDITABLE_REPORT_STATUSES, type ReportStatus, type ReportTexts, type ReportValues } from '@jiebang/contracts';
import { appendAuditEntries, type AuditEntry } from '../audit';

/** A unit's draft of a monthly report; `texts` null keeps the texts stored before. */
export interface ReportDraft {
  cycleId: string;
  unitId: string;
  month: number;
  values: ReportValues;
  texts: ReportTexts | null;
}

/** The row of a saved draft, as the API answers it. */
export interface SavedDraftRow {
  status: ReportStatus;
  values: ReportValues | null;
  texts: ReportTexts | null;
  ratings: ReportValues;
  dueAt: Date;
  deadlineAt: Date | null;
  late: boolean;
  submittedBy: string | null;
  submittedAt: Date | null;
  confirmedBy: string | null;
  reachedAt: Date | null;
  headComment: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
}

interface RawDraftRow {
  status: ReportStatus;
  values: ReportValues;
  texts: ReportTexts | null;
  ratings: ReportValues;
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
}

/** Thrown inside the draft's transaction to undo it: the month was ranked while the draft was written. */
class MonthRankedMeanwhile extends Error {}

/**
 * Drafts of monthly reports, written by the API straight to the report's row (the unit's workflow
 * owns every other change of a report, submissions included).
 */
@Injectable()
export class ReportDraftRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Saves the draft with its audit row in one transaction, when the row says the unit's workflow
   * would take it: the report still the unit's to change (open, draft, sent back or returned), its
   * deadline not passed, its month not ranked. The conditions sit in the UPDATE itself, so a
   * submission or a close written at the same moment comes wholly before or wholly after the
   * draft; the ranking is looked for again once the audit trail's lock is held, because a ranking
   * appends its audit row last in its transaction. Returns null when the row does not allow the
   * draft (or does not exist yet): the caller then asks the workflow, which decides and says why.
   */
  async saveDraft(draft: ReportDraft, audit: (row: SavedDraftRow) => AuditEntry): Promise<SavedDraftRow | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [rows] = (await manager.query(
          `UPDATE reports r
              SET values = $4, texts = COALESCE($5, r.texts), status = 'draft', updated_at = now()
            WHERE r.cycle_id = $1 AND r.unit_id = $2 AND r.month = $3
              AND r.status = ANY($6)
              AND now() <= COALESCE(r.deadline_at, r.due_at)
              AND NOT EXISTS (SELECT 1 FROM month_rankings m WHERE m.cycle_id = r.cycle_id AND m.month = r.month)
            RETURNING r.status, r.values, r.texts, r.ratings, r.due_at, r.deadline_at, r.late, r.submitted_by,
                      r.submitted_at, r.confirmed_by, r.reached_at, r.head_comment, r.reviewed_by, r.review_comment`,
          [draft.cycleId, draft.unitId, draft.month, draft.values, draft.texts, EDITABLE_REPORT_STATUSES],
        )) as [RawDraftRow[], number];
        if (rows.length === 0) return null;
        const saved = savedDraftRow(rows[0]!);
        await appendAuditEntries(manager, [audit(saved)]);
        const ranked = (await manager.query('SELECT 1 FROM month_rankings WHERE cycle_id = $1 AND month = $2 LIMIT 1', [
          draft.cycleId,
          draft.month,
        ])) as unknown[];
        if (ranked.length > 0) throw new MonthRankedMeanwhile();
        return saved;
      });
    } catch (error) {
      if (error instanceof MonthRankedMeanwhile) return null;
      throw error;
    }
  }

  /** The stored texts of a report, or null (none yet, or no row yet). */
  async textsOf(cycleId: string, unitId: string, month: number): Promise<ReportTexts | null> {
    const [row] = (await this.dataSource.query(
      'SELECT texts FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND month = $3',
      [cycleId, unitId, month],
    )) as Array<{ texts: ReportTexts | null }>;
    return row?.texts ?? null;
  }

  /** The unit's saved drafts by month (rows whose status is `draft`). */
  async draftsOf(
    cycleId: string,
    unitId: string,
  ): Promise<Map<number, { values: ReportValues | null; texts: ReportTexts | null }>> {
    const rows = (await this.dataSource.query(
      `SELECT month, values, texts FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND status = 'draft'`,
      [cycleId, unitId],
    )) as Array<{ month: number; values: ReportValues | null; texts: ReportTexts | null }>;
    return new Map(rows.map((row) => [row.month, { values: row.values, texts: row.texts }]));
  }
}

function savedDraftRow(row: RawDraftRow): SavedDraftRow {
  return {
    status: row.status,
    values: row.values,
    texts: row.texts,
    ratings: row.ratings,
    dueAt: row.due_at,
    deadlineAt: row.deadline_at,
    late: row.late,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    confirmedBy: row.confirmed_by,
    reachedAt: row.reached_at,
    headComment: row.head_comment,
    reviewedBy: row.reviewed_by,
    reviewComment: row.review_comment,
  };
}

import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { EDITABLE_REPORT_STATUSES, cycleWorkflowId, type MonthReport, type WithAudit } from '@jiebang/contracts';
import { monthReportSettledSignal } from '@jiebang/contracts/temporal';
import { auditedWrite } from './audited-write';

export interface ReportDependencies {
  dataSource: DataSource;
  /** Tells the cycle workflow that a report of a month settled (its close waits for that). */
  client: Client;
}

/** The statuses that can make a month ready to close: a report approved, or missed for good. */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['approved', 'missed']);

export interface ReportWrite {
  cycleId: string;
  unitId: string;
  /** The workflow's change counter: a retried or reordered older write never replaces a newer one. */
  revision: number;
  report: MonthReport;
  /** Until when the unit may change the report (its due date, or the resubmission deadline once returned). */
  deadline?: string;
}

/** The workflow's write is the unit's own save: from a status the unit may change to a saved one. */
const SAVED_BY_UNIT = `r.status IN (${EDITABLE_REPORT_STATUSES.map((status) => `'${status}'`).join(', ')})
  AND EXCLUDED.status IN ('draft', 'awaiting_confirmation', 'submitted')`;

/**
 * The row of a unit's monthly report. The workflow writes every change but drafts, which the API
 * saves straight to the row (ReportDraftRepository): so the values and texts the workflow holds
 * replace the row's only when the unit saves the report itself (a submission, or a draft through
 * the workflow, from a status the unit may change); any other change of the workflow (a rating, an
 * extension, a deadline) keeps the unit's latest draft and its `draft` status.
 */
const UPSERT_REPORT = `
  INSERT INTO reports AS r (cycle_id, unit_id, month, status, values, texts, confirmed_by, reached_at, head_comment,
                            ratings, due_at, deadline_at, late, submitted_by, submitted_at, reviewed_by, review_comment,
                            revision, extension)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
  ON CONFLICT (cycle_id, unit_id, month) DO UPDATE SET
    status = CASE
      WHEN r.status = 'draft' AND EXCLUDED.status IN ('open', 'sent_back', 'returned') THEN 'draft'
      WHEN EXCLUDED.status = 'open' AND r.values IS NOT NULL THEN 'draft'
      ELSE EXCLUDED.status END,
    values = CASE WHEN ${SAVED_BY_UNIT} THEN EXCLUDED.values ELSE r.values END,
    texts = CASE WHEN ${SAVED_BY_UNIT} THEN COALESCE(EXCLUDED.texts, r.texts) ELSE r.texts END,
    confirmed_by = EXCLUDED.confirmed_by, reached_at = EXCLUDED.reached_at, head_comment = EXCLUDED.head_comment,
    ratings = EXCLUDED.ratings, due_at = EXCLUDED.due_at, deadline_at = EXCLUDED.deadline_at, late = EXCLUDED.late,
    submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, reviewed_by = EXCLUDED.reviewed_by,
    review_comment = EXCLUDED.review_comment, revision = EXCLUDED.revision, extension = EXCLUDED.extension,
    updated_at = now()
  WHERE r.revision < EXCLUDED.revision`;

export function createReportActivities({ dataSource, client }: ReportDependencies) {
  return {
    /** Upserts the read-model row of a unit's monthly report, with the audit row of the change. */
    async recordReport({ cycleId, unitId, revision, report, deadline, audit }: WithAudit<ReportWrite>): Promise<void> {
      const instant = (value: string | null | undefined) => (value ? new Date(value) : null);
      await auditedWrite(dataSource, audit, (manager) =>
        manager.query(UPSERT_REPORT, [
          cycleId,
          unitId,
          report.month,
          report.status,
          report.values,
          report.texts,
          report.confirmedBy,
          instant(report.reachedAt),
          report.headComment,
          report.ratings,
          new Date(report.dueAt),
          instant(deadline) ?? new Date(report.dueAt),
          report.late,
          report.submittedBy,
          instant(report.submittedAt),
          report.reviewedBy,
          report.reviewComment,
          revision,
          report.extension ?? null,
        ]),
      );
      if (SETTLED_STATUSES.has(report.status)) await tellTheCycle(client, cycleId, report.month);
    },
  };
}

/**
 * After the row is written, so the cycle's readiness read sees it. A signal that does not get
 * through is not retried (the row is written): the cycle also checks now and then on its own.
 */
async function tellTheCycle(client: Client, cycleId: string, month: number): Promise<void> {
  try {
    await client.workflow.getHandle(cycleWorkflowId(cycleId)).signal(monthReportSettledSignal, { month });
  } catch (error) {
    log.warn('the cycle was not told of a settled report', {
      cycleId,
      month,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

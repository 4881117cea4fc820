import type { DataSource } from 'typeorm';
import type { MonthReport, WithAudit } from '@jiebang/contracts';
import { ReportEntity } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface ReportDependencies {
  dataSource: DataSource;
}

export interface ReportWrite {
  cycleId: string;
  unitId: string;
  /** The workflow's change counter: a retried or reordered older write never replaces a newer one. */
  revision: number;
  report: MonthReport;
}

export function createReportActivities({ dataSource }: ReportDependencies) {
  return {
    /** Upserts the read-model row of a unit's monthly report, with the audit row of the change. */
    async recordReport({ cycleId, unitId, revision, report, audit }: WithAudit<ReportWrite>): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(ReportEntity)
          .values({
            cycleId,
            unitId,
            month: report.month,
            status: report.status,
            values: report.values,
            texts: report.texts,
            confirmedBy: report.confirmedBy,
            reachedAt: report.reachedAt ? new Date(report.reachedAt) : null,
            headComment: report.headComment,
            ratings: report.ratings,
            dueAt: new Date(report.dueAt),
            late: report.late,
            submittedBy: report.submittedBy,
            submittedAt: report.submittedAt ? new Date(report.submittedAt) : null,
            reviewedBy: report.reviewedBy,
            reviewComment: report.reviewComment,
            revision,
          })
          .orUpdate(
            [
              'status',
              'values',
              'texts',
              'confirmed_by',
              'reached_at',
              'head_comment',
              'ratings',
              'due_at',
              'late',
              'submitted_by',
              'submitted_at',
              'reviewed_by',
              'review_comment',
              'revision',
              'updated_at',
            ],
            ['cycle_id', 'unit_id', 'month'],
            {
              overwriteCondition: { where: 'reports.revision < EXCLUDED.revision' },
            },
          )
          .execute(),
      );
    },
  };
}

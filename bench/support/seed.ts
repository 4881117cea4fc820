import type { Client as PgClient } from 'pg';
import type { ReportValues } from '@jiebang/domain';

/** The reviewer named on seeded reports. */
export const SEED_REVIEWER = 'assessor-bench';

/**
 * Writes a month's approved reports, every indicator valued, straight into `reports` (one
 * statement, replacing any `open` row already there): benchmark setup standing in for 1,000
 * reporters and an assessor. The cycle's window opening keeps existing rows and the close marks
 * only unapproved ones missed, so the seed stands; ranking reads only this table. The revision is
 * far above any a unit workflow reaches, so none of its writes would replace the seed either.
 */
export async function seedApprovedReports(
  db: PgClient,
  cycleId: string,
  month: number,
  reports: Record<string, ReportValues>,
): Promise<void> {
  const rows = Object.entries(reports).map(([unitId, values]) => ({ unit_id: unitId, values }));
  await db.query(
    `INSERT INTO reports (cycle_id, unit_id, month, status, "values", ratings, due_at, late, submitted_by, submitted_at, reviewed_by, revision)
     SELECT $1, r.unit_id, $2, 'approved', r."values", '{}'::jsonb, now(), false, 'reporter-' || r.unit_id, now(), $4, 1000000
     FROM jsonb_to_recordset($3::jsonb) AS r(unit_id text, "values" jsonb)
     ON CONFLICT (cycle_id, unit_id, month) DO UPDATE SET status = EXCLUDED.status, "values" = EXCLUDED."values", ratings = EXCLUDED.ratings,
       submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, reviewed_by = EXCLUDED.reviewed_by, revision = EXCLUDED.revision, updated_at = now()`,
    [cycleId, month, JSON.stringify(rows), SEED_REVIEWER],
  );
}
